using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

public sealed record SourceResponse(
    string Id,
    string BotId,
    string Type,
    string Title,
    string? Url,
    string? Question,
    string Status,
    string? Error,
    int Chunks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SourceResponse From(Source s) => new(
        s.Id, s.BotId, s.Type.ToString().ToLowerInvariant(), s.Title, s.Url, s.Question,
        s.Status.ToString().ToLowerInvariant(), s.Error, s.Chunks, s.CreatedAt, s.UpdatedAt);
}
