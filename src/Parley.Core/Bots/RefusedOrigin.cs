namespace Parley.Core.Bots;

/// <summary>
/// A site a bot refused because its allowed domains do not match it: the site as an allowed-domain entry would
/// name it (<c>www.shop.example</c>, or <c>host:port</c> for a port that is not the scheme's default), how many
/// requests were refused, and when the last one was.
/// </summary>
public sealed record RefusedOrigin(string BotId, string Origin, long Refusals, DateTimeOffset LastSeen);
