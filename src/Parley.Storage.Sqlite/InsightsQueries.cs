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
    /// The range's questions as <see cref="InsightsTally"/> counts them, one narrow row each: the reason a question was
    /// not answered well as a number (<see cref="InsightsTally.Reasons"/>; 0 when it was not) and whether it was
    /// answered, by <c>UnansweredReason</c>'s rule.
    /// </summary>
    public static readonly string Tally =
        $"""
        SELECT id, created_at, group_id, coalesce(rating, 0) AS rating, credits_milli,
               CASE WHEN outcome = 'no_knowledge' THEN 1
                    WHEN outcome = 'declined' THEN 2
                    WHEN outcome = 'filtered' THEN 3
                    WHEN outcome = 'failed' THEN 4
                    WHEN outcome IN ('answered', 'saved_answer') AND rating = -1 THEN 5
                    ELSE 0 END AS reason,
               coalesce(outcome IN ('answered', 'saved_answer') AND coalesce(rating, 0) <> -1, 0) AS answered
        FROM ({Asked(withText: false)})
        """;

    /// <summary>Visitor conversations started per UTC day.</summary>
    public const string ConversationDays =
        """
        SELECT created_at / 86400000 AS day, count(*) AS n
        FROM conversations WHERE bot_id = @botId AND channel = 'public' AND created_at >= @from AND created_at < @until
        GROUP BY 1
        """;

    public const string Messages = "SELECT id, conversation_id, content FROM messages WHERE id IN @ids";

    /// <summary>The bot's answers written from insights whose Q&amp;A source exists, with the group of the question each was written for.</summary>
    public const string WrittenAnswers =
        """
        SELECT w.source_id, coalesce(g.group_id, w.message_id) AS group_key, w.created_at
        FROM written_answers w
        JOIN sources s ON s.id = w.source_id
        LEFT JOIN question_group_members g ON g.message_id = w.message_id
        WHERE w.bot_id = @botId
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
