using Parley.Core.Conversations;

namespace Parley.Storage.Sqlite;

/// <summary>A conversation's channel as stored: its lowercase name, as the API shows it.</summary>
internal static class Channels
{
    public static string ToText(ConversationChannel channel) => channel switch
    {
        ConversationChannel.Api => "api",
        ConversationChannel.Playground => "playground",
        _ => "public",
    };

    public static ConversationChannel FromText(string text) => text switch
    {
        "api" => ConversationChannel.Api,
        "playground" => ConversationChannel.Playground,
        _ => ConversationChannel.Public,
    };
}
