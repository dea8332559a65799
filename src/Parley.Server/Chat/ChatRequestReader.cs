using Parley.Server.Api;

namespace Parley.Server.Chat;

/// <summary>
/// Reads and validates a Chat API body. Unknown fields are ignored, so clients may send more than the
/// documented ones; documented fields of the wrong type, empty or too long are a 400 naming the field.
/// </summary>
public static class ChatRequestReader
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxMessageLength = 8000;
    public const int MaxSessionIdLength = 128;
    public const int MaxIdLength = 64;
    public const int MaxRecaptchaTokenLength = 4096;

    public static async Task<(ChatRequest? Request, ApiError? Error)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http, MaxBodyBytes, ct);
        if (error is not null)
            return (null, error);
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        var botId = fields.String("bot_id", MaxIdLength, required: true);
        var message = fields.String("message", MaxMessageLength, required: true);
        var sessionId = fields.String("session_id", MaxSessionIdLength, required: true);
        var conversationId = fields.String("conversation_id", MaxIdLength);
        var recaptchaToken = fields.String("recaptcha_token", MaxRecaptchaTokenLength);
        if (fields.Error is { } invalid)
            return (null, invalid);

        return (new ChatRequest(botId!.Trim(), message!.Trim(), sessionId!, conversationId?.Trim(), recaptchaToken), null);
    }
}
