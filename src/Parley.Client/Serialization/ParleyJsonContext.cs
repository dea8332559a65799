using System.Text.Json.Serialization;

namespace Parley.Client;

// Source-generated metadata keeps the SDK free of reflection, so apps that trim or compile AOT can use it.
// Nullable annotations and constructor parameters are enforced so that an event missing a documented field
// fails loudly instead of surfacing as a null the types promise never to hold.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(StatusEvent))]
[JsonSerializable(typeof(ContentEvent))]
[JsonSerializable(typeof(ReplaceEvent))]
[JsonSerializable(typeof(NoticeEvent))]
[JsonSerializable(typeof(DoneEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class ParleyJsonContext : JsonSerializerContext;
