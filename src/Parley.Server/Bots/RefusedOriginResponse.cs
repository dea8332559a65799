namespace Parley.Server.Bots;

/// <summary>
/// A site the bot refused: <see cref="Origin"/> as the browser sent it, <see cref="Domain"/> the allowed-domains entry
/// that would admit it, how many requests were refused and when the last one was.
/// </summary>
public sealed record RefusedOriginResponse(string Origin, string Domain, long Count, DateTimeOffset LastSeen);
