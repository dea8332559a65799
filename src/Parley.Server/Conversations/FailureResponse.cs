using Parley.Server.Chat.Failures;

namespace Parley.Server.Conversations;

/// <summary>Why an answer failed: a reason code, and a sentence for the bot's owner (see <see cref="FailureDetail"/>).</summary>
public sealed record FailureResponse(string Reason, string Detail);
