namespace Parley.Core.Bots;

public enum BotPrivacy
{
    /// <summary>Anyone may chat through the public endpoint and the widget.</summary>
    Public,

    /// <summary>Only API-key holders may chat, through the authenticated endpoint.</summary>
    Private,
}
