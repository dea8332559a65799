using Parley.Core.Conversations;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Streaming;
using Parley.Server.Credits;

namespace Parley.Server.Chat.Failures;

/// <summary>
/// The <c>service_unavailable</c> event that ends a failed turn. A visitor on the public endpoint is told only that;
/// the owner, on the authenticated endpoint, is also told why (<c>reason</c>, <c>detail</c>), so they can fix it.
/// </summary>
public static class UnavailableEvent
{
    public const string Message = "Service temporarily unavailable. Please try again later.";

    public static ValueTask SendAsync(ChatAdmission admission, SseWriter sse, AnswerFailure failure, CancellationToken ct) =>
        admission.Audience == ChatAudience.ApiKey
            ? sse.ErrorAsync("service_unavailable", Message, ct, failure.Reason, FailureDetail.For(failure, admission.ByAdmin))
            : sse.ErrorAsync("service_unavailable", Message, ct);

    /// <summary>The workspace could not reserve <paramref name="cost"/>: the owner is told its balance as it is now.</summary>
    public static async Task OutOfCreditsAsync(
        ChatAdmission admission, decimal cost, CreditReservations credits, SseWriter sse, CancellationToken ct)
    {
        if (admission.Audience != ChatAudience.ApiKey)
        {
            await sse.ErrorAsync("service_unavailable", Message, ct);
            return;
        }

        var workspace = await credits.CurrentAsync(admission.Workspace.Id, ct) ?? admission.Workspace;
        await sse.ErrorAsync("service_unavailable", Message, ct, AnswerFailure.CreditsExhausted, FailureDetail.CreditsExhausted(workspace, cost));
    }
}
