namespace Parley.Storage.Sqlite;

/// <summary>The insights reads.</summary>
internal static class InsightsQueries
{
    /// <summary>
    /// A bot's visitor questions in a range with their answers. A turn's question and answer are inserted one after the
    /// other in one transaction by SQLite's single writer, so the answer's row number is the question's plus one: a
    /// lookup by primary key, which costs about half of pairing them by a window over each conversation (the
    /// PostgreSQL backend, whose numbers may interleave, pairs them so). An answer stored before outcomes were kept is
    /// read by what is stored. Conversations quiet since before the range are not read at all. The indexes named are
    /// the covering ones of migration 13 (the planner, with no statistics, would take the primary keys').
    /// </summary>
    private static string Asked(bool withText) =>
        $"""
        SELECT q.id, q.conversation_id, q.created_at, g.group_id{(withText ? ", q.seq, q.content AS text" : "")}, f.rating, coalesce(a.credits_milli, 0) AS credits_milli,
               CASE WHEN a.seq IS NULL THEN NULL
                    WHEN a.outcome IS NOT NULL THEN a.outcome
                    WHEN a.failure IS NOT NULL THEN 'failed'
                    WHEN a.interrupted THEN 'interrupted'
                    ELSE 'answered' END AS outcome
        FROM conversations c
        JOIN messages q ON q.conversation_id = c.id
        LEFT JOIN messages a ON a.seq = q.seq + 1 AND a.conversation_id = q.conversation_id AND a.role = 'Assistant'
        LEFT JOIN feedback f INDEXED BY feedback_votes ON f.message_id = a.id
        LEFT JOIN question_group_members g INDEXED BY question_group_members_of_message ON g.message_id = q.id
        WHERE c.bot_id = @botId AND c.channel = 'public' AND c.updated_at >= @from AND c.created_at < @until
          AND q.role = 'User' AND q.created_at >= @from AND q.created_at < @until
        """;

    /// <summary>
    /// Every question's counts per UTC day (Unix milliseconds divided by a day's, as <c>DateOnly.FromDateTime</c> of
    /// the UTC time), and the groups, unanswered rows and texts shown, in one statement: the questions are read once,
    /// each numbered within its group newest first (and within its group and reason, for the unanswered), and only the
    /// rows shown come back. Which outcomes answer and which are unanswered is <c>UnansweredReason</c>'s rule.
    /// </summary>
    public static readonly string Summary =
        $"""
        WITH asked AS ({Asked(withText: false)}),
        questions AS MATERIALIZED (
            SELECT id, conversation_id, created_at, coalesce(group_id, id) AS group_key, group_id IS NOT NULL AS grouped,
                   rating, credits_milli,
                   CASE WHEN outcome IN ('no_knowledge', 'declined', 'filtered', 'failed') THEN outcome
                        WHEN outcome IN ('answered', 'saved_answer') AND rating = -1 THEN 'thumbs_down' END AS reason,
                   coalesce(outcome IN ('answered', 'saved_answer') AND coalesce(rating, 0) <> -1, 0) AS answered,
                   row_number() OVER newest AS rank,
                   count(*) OVER whole AS group_count,
                   sum(coalesce(outcome IN ('answered', 'saved_answer') AND coalesce(rating, 0) <> -1, 0)) OVER whole AS group_answered
            FROM asked
            WINDOW newest AS (PARTITION BY coalesce(group_id, id) ORDER BY created_at DESC, id DESC),
                   whole AS (newest ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ),
        top AS MATERIALIZED (
            SELECT group_key, grouped, group_count, group_answered,
                   row_number() OVER (ORDER BY group_count DESC, created_at DESC, id DESC) AS position
            FROM questions WHERE rank = 1 ORDER BY position LIMIT @topGroups
        ),
        unanswered AS MATERIALIZED (
            SELECT *, row_number() OVER (ORDER BY created_at DESC, group_key, id DESC) AS position FROM (
                SELECT group_key, grouped, reason, id, conversation_id, created_at,
                       row_number() OVER newest AS rank, count(*) OVER whole AS n
                FROM questions WHERE reason IS NOT NULL
                WINDOW newest AS (PARTITION BY group_key, reason ORDER BY created_at DESC, id DESC),
                       whole AS (newest ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
            WHERE rank = 1 ORDER BY position LIMIT @unanswered
        ),
        shown AS MATERIALIZED (
            SELECT group_key, max(top) AS top FROM (SELECT group_key, 1 AS top FROM top UNION ALL SELECT group_key, 0 FROM unanswered) GROUP BY group_key
        )
        SELECT 'day' AS kind, created_at / 86400000 AS day, NULL AS group_key, 0 AS grouped, NULL AS reason, count(*) AS n,
               sum(answered) AS answered, count(reason) AS unanswered, coalesce(sum(rating = 1), 0) AS thumbs_up,
               coalesce(sum(rating = -1), 0) AS thumbs_down, sum(credits_milli) AS credits_milli,
               NULL AS message_id, NULL AS conversation_id, 0 AS asked_at, 0 AS position, NULL AS text, NULL AS source_id
        FROM questions GROUP BY day
        UNION ALL
        SELECT 'conversations', created_at / 86400000, NULL, 0, NULL, count(*), 0, 0, 0, 0, 0, NULL, NULL, 0, 0, NULL, NULL
        FROM conversations WHERE bot_id = @botId AND channel = 'public' AND created_at >= @from AND created_at < @until GROUP BY 2
        UNION ALL
        SELECT 'top', 0, group_key, grouped, NULL, group_count, group_answered, 0, 0, 0, 0, NULL, NULL, 0, position, NULL, NULL FROM top
        UNION ALL
        SELECT 'unanswered', 0, u.group_key, u.grouped, u.reason, u.n, 0, 0, 0, 0, 0, u.id, u.conversation_id, u.created_at, u.position, NULL,
               (SELECT w.source_id FROM written_answers w
                JOIN sources s ON s.id = w.source_id
                LEFT JOIN question_group_members m ON m.message_id = w.message_id
                WHERE w.bot_id = @botId AND coalesce(m.group_id, w.message_id) = u.group_key AND w.created_at >= u.created_at
                ORDER BY w.created_at DESC LIMIT 1)
        FROM unanswered u
        UNION ALL
        SELECT 'newest', 0, q.group_key, q.grouped, NULL, 0, 0, 0, 0, 0, 0, q.id, NULL, 0, q.rank, m.content, NULL
        FROM shown s JOIN questions q ON q.group_key = s.group_key JOIN messages m ON m.id = q.id
        WHERE q.rank <= CASE WHEN s.top THEN @newestTexts ELSE 1 END
        UNION ALL
        SELECT 'leader', 0, g.id, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, m.content, NULL
        FROM shown s JOIN question_groups g ON g.id = s.group_key JOIN messages m ON m.id = g.leader_id
        """;

    /// <summary>Every visitor question of the range with its text, oldest first, for the CSV export.</summary>
    public static readonly string Questions =
        $"""
        SELECT id AS message_id, conversation_id, created_at, text, outcome, credits_milli, rating, group_id
        FROM ({Asked(withText: true)}) ORDER BY seq
        """;

    /// <summary>Whether the message is a question of the bot's visitors, and the source a Q&amp;A source of the bot.</summary>
    public const string WrittenAnswerTargets =
        """
        SELECT EXISTS (SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
                       WHERE m.id = @messageId AND m.role = 'User' AND c.bot_id = @botId AND c.channel = 'public') AS question,
               EXISTS (SELECT 1 FROM sources WHERE id = @sourceId AND bot_id = @botId AND type = @qa) AS source
        """;

    public const string SaveWrittenAnswer =
        """
        INSERT INTO written_answers (source_id, message_id, bot_id, created_at) VALUES (@sourceId, @messageId, @botId, @at)
        ON CONFLICT (source_id, message_id) DO UPDATE SET created_at = excluded.created_at
        """;

    public const string LeaderTexts = "SELECT g.id, m.content FROM question_groups g JOIN messages m ON m.id = g.leader_id WHERE g.id IN @ids";
}
