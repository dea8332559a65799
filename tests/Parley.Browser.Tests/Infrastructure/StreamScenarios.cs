using Parley.Server.Tests.Infrastructure;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// Servers whose streams carry the rarer events: a degraded search (a <c>notice</c>), an answer the PII filter
/// rewrites (a <c>replace</c>), a provider that fails mid-answer (an <c>error</c>), and a slow answer whose
/// code block stays open for seconds while it streams.
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

    /// <summary>A <c>~~~</c> fence holding a <c>```</c> line, inline code with a star, then numbered steps.</summary>
    public static readonly string ConfigAnswer =
        "Put this in `brewmate.conf` (it scales 2 * 3 as `x*y`):\n\n~~~ini\n[network]\nallow_private = true\n# not ``` the end\n" +
        string.Concat(Enumerable.Range(1, 12).Select(i => $"option_{i} = value {i}\n")) +
        "~~~\n\n1. Save the file.\n2. Restart **Brewmate**.";

    public static Task<ParleyApp> SlowCodeBlockAsync() =>
        ParleyApp.StartAsync(app => app.WithGenerator(new CannedChatClient(ConfigAnswer) { PieceLength = 4, Pace = TimeSpan.FromMilliseconds(50) }));
}
