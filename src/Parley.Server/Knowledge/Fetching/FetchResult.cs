namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// What fetching a URL gave: a body, "not modified", or why not. Failures are data, so a crawler can
/// record them against the page and go on.
/// </summary>
public sealed record FetchResult
{
    public required FetchStatus Status { get; init; }

    /// <summary>The URL that answered, after redirects; for a failure, the URL being fetched when it happened.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>The HTTP status of the last response, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The media type without parameters, lower case: <c>text/html</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>The <c>charset</c> parameter of Content-Type, as sent.</summary>
    public string? Charset { get; init; }

    /// <summary>The decompressed body of a 2xx; empty otherwise.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>Validators for the next conditional fetch of this URL.</summary>
    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Why it failed, for a person to read.</summary>
    public string? Error { get; init; }

    public bool IsOk => Status == FetchStatus.Ok;

    /// <summary>The body as text, decoded by the declared charset, a byte order mark or an HTML meta charset.</summary>
    public string Text() => BodyText.Decode(Body, Charset, MediaType);
}
