using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Calls that may fail, for tests about refusals: unlike <see cref="AdminApi"/> they return whatever the
/// server answered instead of asserting success.
/// </summary>
public static class ApiCalls
{
    public static Task<ApiReply> GetReplyAsync(this HttpClient http, string path) =>
        http.SendReplyAsync(HttpMethod.Get, path);

    public static Task<ApiReply> DeleteReplyAsync(this HttpClient http, string path) =>
        http.SendReplyAsync(HttpMethod.Delete, path);

    /// <summary>Sends <paramref name="body"/> as snake_case JSON; nulls are written, so a test can send <c>"field": null</c>.</summary>
    public static Task<ApiReply> SendReplyAsync(this HttpClient http, HttpMethod method, string path, object? body = null) =>
        http.SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body, AdminApi.Json));

    /// <summary>Sends <paramref name="json"/> exactly as given, for bodies a serializer would never produce.</summary>
    public static async Task<ApiReply> SendRawAsync(this HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location, text);
    }
}
