namespace Parley.Client;

/// <summary>
/// The error codes the Parley server documents, for comparing with <see cref="ParleyApiException.Error"/>
/// and <see cref="ParleyStreamException.Error"/>. Newer servers may send codes not listed here.
/// </summary>
public static class ParleyErrorCodes
{
    /// <summary>400: a field is missing, has the wrong JSON type, is empty or is too long.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>400: the request body is not a JSON object.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>400: the request body is larger than the endpoint accepts (64 KiB for chat).</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>400: the conversation id is unknown or belongs to another bot or session.</summary>
    public const string InvalidConversation = "invalid_conversation";

    /// <summary>400: the deployment requires a reCAPTCHA token and none was sent.</summary>
    public const string RecaptchaRequired = "recaptcha_required";

    /// <summary>401: the API key is missing or not valid.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>403: the key may not act on this workspace.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>403: the bot is private and the public endpoint was used.</summary>
    public const string BotPrivate = "bot_private";

    /// <summary>403: the bot is switched off.</summary>
    public const string BotInactive = "bot_inactive";

    /// <summary>403: the request's origin is not among the bot's allowed domains.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>403: the workspace's trial has ended.</summary>
    public const string TrialExpired = "trial_expired";

    /// <summary>403: the reCAPTCHA token was rejected or scored too low.</summary>
    public const string RecaptchaFailed = "recaptcha_failed";

    /// <summary>404: no bot has the given id.</summary>
    public const string BotNotFound = "bot_not_found";

    /// <summary>429: the session or client address sent too many messages; see <see cref="ParleyRateLimitedException.RetryAfter"/>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>In-stream: the answer could not be produced, for example because the workspace has no credits left.</summary>
    public const string ServiceUnavailable = "service_unavailable";

    /// <summary>In-stream: the answer was withheld by the content filter.</summary>
    public const string ContentFiltered = "content_filtered";
}
