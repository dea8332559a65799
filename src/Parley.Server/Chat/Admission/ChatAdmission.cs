using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;

namespace Parley.Server.Chat.Admission;

/// <summary>A request that passed every check and may be answered, with what the answer needs.</summary>
public sealed record ChatAdmission(
    ChatRequest Request,
    Bot Bot,
    Workspace Workspace,
    Conversation? Conversation,
    ChatAudience Audience)
{
    /// <summary>The conversation this turn belongs to: the one being continued, or a new one.</summary>
    public string ConversationId { get; } = Conversation?.Id ?? Guid.CreateVersion7().ToString();
}
