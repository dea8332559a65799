namespace Parley.Server.Chat.Admission;

public enum ChatAudience
{
    /// <summary>Anonymous visitors through the public endpoint and the widget.</summary>
    Public,

    /// <summary>Holders of the admin key or a workspace key, through the authenticated endpoint.</summary>
    ApiKey,
}
