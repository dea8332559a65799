namespace Parley.Server.Bots;

/// <summary>
/// An e-mail address or phone number found in a bot's knowledge: where it was first found, how many passages hold
/// it, and whether <c>filters.pii_allow</c> already keeps it from being masked.
/// </summary>
public sealed record ContactDetailResponse(string Value, string Kind, string PageTitle, string? SourceUrl, int Count, bool Allowed);
