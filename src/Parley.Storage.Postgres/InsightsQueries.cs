namespace Parley.Storage.Postgres;

/// <summary>The insights reads.</summary>
internal static class InsightsQueries
{
    /// <summary>
    /// A bot's visitor questions in a range with their answers: each question's answer is the next message of its
    /// conversation (turns of one conversation are stored one after another; question numbers of concurrent turns may
    /// interleave, so the answer is found by a window over each conversation). An answer stored before outcomes were
    /// kept is read by what is stored. Conversations quiet since before the range are not read at all.
    /// </summary>
    public static string Questions(bool withText) =>
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
        SELECT t.id AS message_id, t.conversation_id, t.created_at,
               CASE WHEN t.next_role = 'Assistant' THEN t.outcome END AS outcome,
               CASE WHEN t.next_role = 'Assistant' THEN t.credits_milli ELSE 0 END AS credits_milli,
               f.rating, g.group_id{(withText ? ", t.content AS text" : "")}
        FROM turns t
        LEFT JOIN feedback f ON f.message_id = t.answer_id AND t.next_role = 'Assistant'
        LEFT JOIN question_group_members g ON g.message_id = t.id
        WHERE t.role = 'User' AND t.created_at < @until
        {(withText ? "ORDER BY t.created_at, t.id" : "")}
        """;

    public const string ConversationStarts =
        "SELECT created_at FROM conversations WHERE bot_id = @botId AND channel = 'public' AND created_at >= @from AND created_at < @until";
}
