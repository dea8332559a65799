namespace Parley.Client;

/// <summary>
/// Which of the server's two chat stream endpoints a <see cref="ParleyChatClient"/> posts to.
/// </summary>
public enum ParleyChatEndpoint
{
    /// <summary>
    /// <c>/v1/public/chat/stream</c>: for public bots, subject to the bot's allowed origins and reCAPTCHA.
    /// </summary>
    Public,

    /// <summary>
    /// <c>/v1/chat/stream</c>: needs an admin or workspace API key, serves private bots too,
    /// and skips the origin and reCAPTCHA checks.
    /// </summary>
    Authenticated,
}
