using System.Net;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>One answer of the API, kept whole so a failed assertion can show what the server said.</summary>
public sealed record ApiReply(HttpStatusCode Status, string? ContentType, Uri? Location, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public ApiReply AssertStatus(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"expected {(int)expected}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>The documented error shape: <c>{"error", "message", "field"}</c>, with <c>field</c> only when one is named.</summary>
    public void AssertError(HttpStatusCode status, string error, string? field = null)
    {
        AssertStatus(status);
        Assert.Equal("application/json", ContentType);
        var json = Json;
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()), "the error should explain itself");
        if (field is null)
            Assert.False(json.TryGetProperty("field", out _), $"no field expected: {Body}");
        else
            Assert.Equal(field, json.GetProperty("field").GetString());
    }

    /// <summary>A 400 <c>invalid_request</c> that names <paramref name="field"/>.</summary>
    public void AssertInvalid(string field) => AssertError(HttpStatusCode.BadRequest, "invalid_request", field);
}
