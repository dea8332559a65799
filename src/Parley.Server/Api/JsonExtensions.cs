using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Api;

public static class JsonExtensions
{
    /// <summary>snake_case everywhere, as the public Chat API is; enums as snake_case strings.</summary>
    public static IServiceCollection AddParleyJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
}
