using Dapper;
using Microsoft.Data.Sqlite;
using Parley.Core.Conversations;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The one place that deletes conversations, for retention and for a visitor's erasure alike: a table that stores
/// anything about a conversation or drawn from its messages adds its delete here, so nothing of it outlives them.
/// </summary>
internal static class ConversationDeletion
{
    // Well under SQLite's limit on a statement's parameters.
    private const int IdsPerStatement = 500;

    public static DeletedConversations Delete(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<string> conversationIds)
    {
        var deleted = DeletedConversations.None;
        foreach (var ids in conversationIds.Chunk(IdsPerStatement))
        {
            var args = new { ids };
            var feedback = c.Execute("DELETE FROM feedback WHERE conversation_id IN @ids", args, tx);
            // Insights' grouping of the questions: a group led by a deleted question goes with its vector; its other
            // members are grouped again by the next pass.
            c.Execute("DELETE FROM question_group_members WHERE message_id IN (SELECT id FROM messages WHERE conversation_id IN @ids)", args, tx);
            c.Execute("DELETE FROM question_groups WHERE leader_id IN (SELECT id FROM messages WHERE conversation_id IN @ids)", args, tx);
            var messages = c.Execute("DELETE FROM messages WHERE conversation_id IN @ids", args, tx);
            var conversations = c.Execute("DELETE FROM conversations WHERE id IN @ids", args, tx);
            deleted = deleted.Plus(new DeletedConversations(conversations, messages, feedback));
        }

        return deleted;
    }
}
