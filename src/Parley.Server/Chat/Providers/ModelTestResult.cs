using System.Text.Json.Serialization;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// What a model connection test found: <c>ok</c>, or the <c>reason</c> it failed (with the provider's HTTP
/// <c>status</c> when it answered), and a <c>message</c> for the bot's owner that names the model and address.
/// </summary>
public sealed record ModelTestResult(
    bool Ok,
    string Provider,
    string? Model,
    string? BaseUrl,
    long LatencyMs,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Status = null);
