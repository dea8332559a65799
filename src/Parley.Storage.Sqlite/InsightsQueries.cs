namespace Parley.Storage.Sqlite;

/// <summary>The insights reads.</summary>
internal static class InsightsQueries
{
    /// <summary>
    /// A bot's visitor questions in a range with their answers. A turn's question and answer are inserted one after the
    /// other in one transaction by SQLite's single writer, so the answer's row number is the question's plus one: a
    /// lookup by primary key, which costs about half of pairing them by a window over each conversation (the
    /// PostgreSQL backend, whose numbers may interleave, pairs them so). An answer stored before outcomes were kept is
    /// read by what is stored. Conversations quiet since before the range are not read at all.
    /// </summary>
    public static string Questions(bool withText) =>
        $"""
        SELECT q.id AS message_id, q.conversation_id, q.created_at{(withText ? ", q.content AS text" : "")},
               CASE WHEN a.id IS NULL THEN NULL
                    WHEN a.outcome IS NOT NULL THEN a.outcome
                    WHEN a.failure IS NOT NULL THEN 'failed'
                    WHEN a.interrupted THEN 'interrupted'
                    ELSE 'answered' END AS outcome,
               coalesce(a.credits_milli, 0) AS credits_milli, f.rating, g.group_id
        FROM conversations c
        JOIN messages q ON q.conversation_id = c.id
        LEFT JOIN messages a ON a.seq = q.seq + 1 AND a.conversation_id = q.conversation_id AND a.role = 'Assistant'
        LEFT JOIN feedback f ON f.message_id = a.id
        LEFT JOIN question_group_members g ON g.message_id = q.id
        WHERE c.bot_id = @botId AND c.channel = 'public' AND c.updated_at >= @from AND c.created_at < @until
          AND q.role = 'User' AND q.created_at >= @from AND q.created_at < @until
        {(withText ? "ORDER BY q.seq" : "")}
        """;

    public const string ConversationStarts =
        "SELECT created_at FROM conversations WHERE bot_id = @botId AND channel = 'public' AND created_at >= @from AND created_at < @until";
}
