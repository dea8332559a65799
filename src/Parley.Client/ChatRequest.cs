using System.Text.Json.Serialization;

namespace Parley.Client;

/// <summary>
/// A visitor's message to a bot: the body of a chat stream request.
/// </summary>
/// <remarks>
/// The SDK sends the values as given and leaves validation to the server, so a request the server
/// refuses surfaces as a <see cref="ParleyBadRequestException"/> naming the offending field.
/// </remarks>
/// <param name="BotId">Id of the bot that should answer (at most 64 characters).</param>
/// <param name="Message">The visitor's message (1 to 8000 characters, not only white space).</param>
/// <param name="SessionId">
/// A stable id for the visitor's session (1 to 128 characters); rate limits and conversations are scoped to it.
/// </param>
/// <param name="ConversationId">
/// Id of the conversation to continue, taken from an earlier <see cref="DoneEvent"/>;
/// <see langword="null"/> starts a new conversation.
/// </param>
/// <param name="RecaptchaToken">
/// A reCAPTCHA token, required on the public endpoint when the deployment enables reCAPTCHA;
/// left out of the request when <see langword="null"/>.
/// </param>
public sealed record ChatRequest(
    string BotId,
    string Message,
    string SessionId,
    string? ConversationId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecaptchaToken = null);
