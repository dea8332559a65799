using Dapper;
using Npgsql;
using Parley.Core.Conversations;

namespace Parley.Storage.Postgres;

/// <summary>
/// The one place that deletes conversations, for retention and for a visitor's erasure alike: a table that stores
/// anything about a conversation or drawn from its messages adds its delete here, so nothing of it outlives them.
/// </summary>
internal static class ConversationDeletion
{
    public static async Task<DeletedConversations> DeleteAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<string> conversationIds)
    {
        if (conversationIds.Count == 0)
            return DeletedConversations.None;
        var args = new { ids = conversationIds.ToArray() };
        var feedback = await c.ExecuteAsync("DELETE FROM feedback WHERE conversation_id = ANY(@ids)", args, tx);
        // Insights' grouping of the questions: a group led by a deleted question goes with its vector; its other
        // members are grouped again by the next pass.
        await c.ExecuteAsync("DELETE FROM question_group_members WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ANY(@ids))", args, tx);
        await c.ExecuteAsync("DELETE FROM question_groups WHERE leader_id IN (SELECT id FROM messages WHERE conversation_id = ANY(@ids))", args, tx);
        var messages = await c.ExecuteAsync("DELETE FROM messages WHERE conversation_id = ANY(@ids)", args, tx);
        var conversations = await c.ExecuteAsync("DELETE FROM conversations WHERE id = ANY(@ids)", args, tx);
        return new DeletedConversations(conversations, messages, feedback);
    }
}
