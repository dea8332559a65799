namespace Parley.Core.Conversations;

/// <summary>Where a conversation came from, fixed by its first message.</summary>
public enum ConversationChannel
{
    /// <summary>The public chat endpoint: the widget, or a site's own script.</summary>
    Public,

    /// <summary>The authenticated chat endpoint, called from the owner's backend with a key.</summary>
    Api,

    /// <summary>The owner trying the bot in the Playground (the authenticated endpoint, marked as such).</summary>
    Playground,
}
