namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// One scripted answer of a fake model vendor: streamed text with the usage the vendor reports, or an HTTP
/// error with the vendor's error body, or a stream that breaks (the connection drops, or an error event
/// arrives) after some pieces.
/// </summary>
public sealed record VendorReply
{
    public IReadOnlyList<string> Pieces { get; init; } = [];

    public int InputTokens { get; init; } = 321;

    public int OutputTokens { get; init; } = 45;

    /// <summary>False: the stream carries no usage at all, as some OpenAI-compatible servers do.</summary>
    public bool ReportsUsage { get; init; } = true;

    public int Status { get; init; } = 200;

    /// <summary>The vendor's error type or code, e.g. <c>rate_limit_exceeded</c> or <c>overloaded_error</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The error body's message, as the vendor words it; a generic one when not set.</summary>
    public string? Message { get; init; }

    /// <summary>The <c>Retry-After</c> header sent with an error, in seconds.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Drops the connection after this many pieces.</summary>
    public int? DropAfter { get; init; }

    /// <summary>Anthropic only: sends an <c>error</c> event (of <see cref="Error"/>'s type) after this many pieces.</summary>
    public int? ErrorEventAfter { get; init; }

    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(5);

    public static VendorReply Text(params string[] pieces) => new() { Pieces = pieces };

    public static VendorReply Failure(int status, string error, string? retryAfter = null, string? message = null) =>
        new() { Status = status, Error = error, RetryAfter = retryAfter, Message = message };
}
