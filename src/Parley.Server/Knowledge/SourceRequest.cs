namespace Parley.Server.Knowledge;

/// <summary>
/// The body that adds a source, for the OpenAPI document: <c>type</c> "text" with <c>title</c>, <c>url</c>
/// and <c>text</c>, or "qa" with <c>question</c> and <c>answer</c>.
/// </summary>
public sealed record SourceRequest(string Type, string? Title, string? Url, string? Text, string? Question, string? Answer);
