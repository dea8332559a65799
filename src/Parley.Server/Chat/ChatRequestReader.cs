using Parley.Core.Conversations;
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

    /// <param name="http">The request.</param>
    /// <param name="ct">Cancelled when the caller leaves.</param>
    /// <param name="authenticated">
    /// The authenticated endpoint, where <c>channel</c> (<c>"api"</c>, the default, or <c>"playground"</c>) says who is
    /// talking. The public endpoint ignores the field like any other it does not know: a visitor cannot pass for the owner.
    /// </param>
    public static async Task<(ChatRequest? Request, ApiError? Error)> ReadAsync(HttpRequest http, CancellationToken ct, bool authenticated = false)
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
        var channel = ConversationChannel.Public;
        if (authenticated)
        {
            channel = fields.String("channel", 16) switch
            {
                null or "api" => ConversationChannel.Api,
                "playground" => ConversationChannel.Playground,
                _ => Invalid(fields),
            };
        }

        if (fields.Error is { } invalid)
            return (null, invalid);

        return (new ChatRequest(botId!.Trim(), message!.Trim(), sessionId!, conversationId?.Trim(), recaptchaToken, channel), null);
    }

    private static ConversationChannel Invalid(JsonFields fields)
    {
        fields.Fail("channel", "'channel' must be \"api\" or \"playground\".");
        return ConversationChannel.Api;
    }
}
