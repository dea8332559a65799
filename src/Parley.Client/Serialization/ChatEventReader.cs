using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Client;

/// <summary>
/// Turns the JSON payload of one server-sent event into a typed <see cref="ChatEvent"/>.
/// </summary>
internal static class ChatEventReader
{
    /// <summary>
    /// Reads one event; matches <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/>.
    /// Returns <see langword="null"/> for an event without data, which carries nothing to report.
    /// </summary>
    public static ChatEvent? Read(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        var type = ReadType(data);
        try
        {
            return type switch
            {
                "status" => Deserialize(data, ParleyJsonContext.Default.StatusEvent),
                "content" => Deserialize(data, ParleyJsonContext.Default.ContentEvent),
                "replace" => Deserialize(data, ParleyJsonContext.Default.ReplaceEvent),
                "notice" => Deserialize(data, ParleyJsonContext.Default.NoticeEvent),
                "done" => Deserialize(data, ParleyJsonContext.Default.DoneEvent),
                "error" => Deserialize(data, ParleyJsonContext.Default.ErrorEvent),
                _ => new UnknownEvent(type, Encoding.UTF8.GetString(data)),
            };
        }
        catch (JsonException exception)
        {
            throw new ParleyProtocolException($"The server sent a \"{type}\" event the SDK cannot read: {exception.Message}", exception);
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo)
        where T : ChatEvent =>
        JsonSerializer.Deserialize(data, typeInfo)
            ?? throw new JsonException("The event is null.");

    // Looks only at the top-level "type" so that an event of an unknown type is passed on
    // whatever shape its other fields have.
    private static string ReadType(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ParleyProtocolException("The server sent an event that is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString()!;
                }

                reader.Skip();
            }
        }
        catch (JsonException exception)
        {
            throw new ParleyProtocolException("The server sent an event that is not valid JSON.", exception);
        }

        throw new ParleyProtocolException("The server sent an event without a \"type\" string.");
    }
}
