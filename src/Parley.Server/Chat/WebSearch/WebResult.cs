namespace Parley.Server.Chat.WebSearch;

/// <summary>One search hit, already cleaned by <see cref="UntrustedText"/>: a page anyone on the web may have written.</summary>
public sealed record WebResult(string Title, Uri Url, string Snippet);
