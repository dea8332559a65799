using Parley.Server.Tests.Infrastructure;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// Servers whose streams carry the rarer events: a degraded search (a <c>notice</c>), an answer the PII filter
/// rewrites (a <c>replace</c>), and a provider that fails mid-answer (an <c>error</c>).
/// </summary>
public static class StreamScenarios
{
    public const string LeakyAnswer = "Write to refunds@acme.example and we will sort it out within 5 business days.";

    public static Task<ParleyApp> DegradedAndRedactedAsync() =>
        ParleyApp.StartAsync(app => app
            .WithFailingSearch()
            .WithGenerator(new CannedChatClient(LeakyAnswer) { PieceLength = 3, Pace = TimeSpan.FromMilliseconds(60) }));

    public static Task<ParleyApp> FailingProviderAsync() =>
        ParleyApp.StartAsync(app => app.WithGenerator(new CannedChatClient("The answer starts well but") { FailAfterPieces = 2 }));
}
