namespace Parley.Storage.Postgres;

/// <summary>The insights reads.</summary>
internal static class InsightsQueries
{
    /// <summary>
    /// A bot's visitor questions in a range with their answers: each question's answer is the next message of its
    /// conversation (turns of one conversation are stored one after another; question numbers of concurrent turns may
    /// interleave, so the answer is found by a window over each conversation). An answer stored before outcomes were
    /// kept is read by what is stored. Conversations quiet since before the range are not read at all, nor other bots'
    /// votes and groups (the joins hash them).
    /// </summary>
    private static string Asked(bool withText) =>
        $"""
        WITH turns AS (
            SELECT m.id, m.conversation_id, m.role, m.created_at{(withText ? ", m.content" : "")},
                   LEAD(m.role) OVER w AS next_role,
                   LEAD(m.id) OVER w AS answer_id,
                   LEAD(CASE WHEN m.outcome IS NOT NULL THEN m.outcome
                             WHEN m.failure IS NOT NULL THEN 'failed'
                             WHEN m.interrupted THEN 'interrupted'
                             ELSE 'answered' END) OVER w AS outcome,
                   LEAD(m.credits_milli) OVER w AS credits_milli
            FROM conversations c JOIN messages m ON m.conversation_id = c.id
            WHERE c.bot_id = @botId AND c.channel = 'public' AND c.updated_at >= @from AND c.created_at < @until
              AND m.created_at >= @from
            WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.seq)
        )
        SELECT t.id, t.conversation_id, t.created_at,
               CASE WHEN t.next_role = 'Assistant' THEN t.outcome END AS outcome,
               CASE WHEN t.next_role = 'Assistant' THEN t.credits_milli ELSE 0 END AS credits_milli,
               f.rating, g.group_id{(withText ? ", t.content AS text" : "")}
        FROM turns t
        LEFT JOIN feedback f ON f.message_id = t.answer_id AND t.next_role = 'Assistant' AND f.bot_id = @botId
        LEFT JOIN question_group_members g ON g.message_id = t.id AND g.bot_id = @botId
        WHERE t.role = 'User' AND t.created_at < @until
        """;

    /// <summary>
    /// Every question's counts per UTC day (Unix milliseconds divided by a day's, as <c>DateOnly.FromDateTime</c> of
    /// the UTC time), and the groups, unanswered rows and texts shown, in one statement: the questions are read once
    /// and counted by hashing, per day, per group and per group and reason; only the groups' newest questions are
    /// sorted, and only the rows shown come back, their texts read by id (a join would read every message, the
    /// planner not knowing how few rows are shown). The newest question of a group is the greatest of its time (zero
    /// padded) followed by its id, compared by code point (<c>COLLATE "C"</c>) as .NET's ordinal comparison orders
    /// ids. Which outcomes answer and which are unanswered is <c>UnansweredReason</c>'s rule.
    /// </summary>
    public static readonly string Summary =
        $"""
        WITH asked AS ({Asked(withText: false)}),
        questions AS MATERIALIZED (
            SELECT id, conversation_id, created_at, coalesce(group_id, id) AS group_key, (group_id IS NOT NULL)::int AS grouped,
                   rating, credits_milli, (lpad(created_at::text, 15, '0') || id) COLLATE "C" AS newest,
                   CASE WHEN outcome IN ('no_knowledge', 'declined', 'filtered', 'failed') THEN outcome
                        WHEN outcome IN ('answered', 'saved_answer') AND rating = -1 THEN 'thumbs_down' END AS reason,
                   CASE WHEN outcome IN ('answered', 'saved_answer') AND coalesce(rating, 0) <> -1 THEN 1 ELSE 0 END AS answered
            FROM asked
        ),
        groups AS MATERIALIZED (
            SELECT group_key, max(grouped) AS grouped, count(*) AS n, sum(answered) AS answered, max(newest) AS newest
            FROM questions GROUP BY group_key
        ),
        top AS MATERIALIZED (
            SELECT *, row_number() OVER (ORDER BY n DESC, newest DESC) AS position FROM groups ORDER BY position LIMIT @topGroups
        ),
        unanswered AS MATERIALIZED (
            SELECT *, row_number() OVER (ORDER BY left(newest, 15) DESC, group_key COLLATE "C", newest DESC) AS position FROM (
                SELECT group_key, max(grouped) AS grouped, reason, count(*) AS n, max(newest) AS newest
                FROM questions WHERE reason IS NOT NULL GROUP BY group_key, reason) r
            ORDER BY position LIMIT @unanswered
        ),
        examples AS (
            SELECT * FROM (
                SELECT group_key, id, row_number() OVER (PARTITION BY group_key ORDER BY newest DESC) AS rank
                FROM questions WHERE group_key IN (SELECT group_key FROM top)) e
            WHERE rank <= @newestTexts
            UNION ALL
            SELECT g.group_key, substr(g.newest, 16) COLLATE "default", 1 FROM groups g
            WHERE g.group_key IN (SELECT group_key FROM unanswered) AND g.group_key NOT IN (SELECT group_key FROM top)
        )
        SELECT 'day' AS kind, created_at / 86400000 AS day, NULL AS group_key, 0 AS grouped, NULL AS reason, count(*) AS n,
               sum(answered)::bigint AS answered, count(reason) AS unanswered, count(*) FILTER (WHERE rating = 1) AS thumbs_up,
               count(*) FILTER (WHERE rating = -1) AS thumbs_down, sum(credits_milli)::bigint AS credits_milli,
               NULL AS message_id, NULL AS conversation_id, 0::bigint AS asked_at, 0::bigint AS position, NULL AS text, NULL AS source_id
        FROM questions GROUP BY 2
        UNION ALL
        SELECT 'conversations', created_at / 86400000, NULL, 0, NULL, count(*), 0, 0, 0, 0, 0, NULL, NULL, 0, 0, NULL, NULL
        FROM conversations WHERE bot_id = @botId AND channel = 'public' AND created_at >= @from AND created_at < @until GROUP BY 2
        UNION ALL
        SELECT 'top', 0, group_key, grouped, NULL, n, answered, 0, 0, 0, 0, NULL, NULL, 0, position, NULL, NULL FROM top
        UNION ALL
        SELECT 'unanswered', 0, u.group_key, u.grouped, u.reason, u.n, 0, 0, 0, 0, 0, m.id, m.conversation_id, m.created_at, u.position, NULL,
               (SELECT w.source_id FROM written_answers w
                JOIN sources s ON s.id = w.source_id
                LEFT JOIN question_group_members g ON g.message_id = w.message_id
                WHERE w.bot_id = @botId AND coalesce(g.group_id, w.message_id) = u.group_key AND w.created_at >= m.created_at
                ORDER BY w.created_at DESC LIMIT 1)
        FROM unanswered u CROSS JOIN LATERAL (SELECT id, conversation_id, created_at FROM messages WHERE id = substr(u.newest, 16) COLLATE "default") m
        UNION ALL
        SELECT 'newest', 0, e.group_key, 0, NULL, 0, 0, 0, 0, 0, 0, e.id, NULL, 0, e.rank, (SELECT content FROM messages WHERE id = e.id), NULL
        FROM examples e
        UNION ALL
        SELECT 'leader', 0, g.id, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, m.content, NULL
        FROM question_groups g JOIN messages m ON m.id = g.leader_id
        WHERE g.id IN (SELECT group_key FROM top UNION SELECT group_key FROM unanswered)
        """;

    /// <summary>Every visitor question of the range with its text, oldest first, for the CSV export.</summary>
    public static readonly string Questions =
        $"""
        SELECT id AS message_id, conversation_id, created_at, outcome, credits_milli, rating, group_id, text
        FROM ({Asked(withText: true)}) asked ORDER BY created_at, id
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

    public const string LeaderTexts = "SELECT g.id, m.content FROM question_groups g JOIN messages m ON m.id = g.leader_id WHERE g.id = ANY(@ids)";
}
