using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Parley.Server.Captcha;

/// <summary>
/// Checks a token with Google's <c>siteverify</c> API (a form POST of secret, response and remoteip).
/// It fails closed: if Google cannot be asked, the request is refused rather than let through unchecked.
/// </summary>
public sealed class RecaptchaVerifier(HttpClient http, IOptions<RecaptchaOptions> options, ILogger<RecaptchaVerifier> log)
{
    public async Task<bool> VerifyAsync(string token, string? remoteIp, CancellationToken ct)
    {
        var settings = options.Value;
        var form = new Dictionary<string, string> { ["secret"] = settings.Secret!, ["response"] = token };
        if (remoteIp is not null)
            form["remoteip"] = remoteIp;

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.TimeoutMs);
            using var response = await http.PostAsync(settings.VerifyUrl, new FormUrlEncodedContent(form), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("reCAPTCHA verification answered {Status}; refusing the request.", (int)response.StatusCode);
                return false;
            }

            var answer = await response.Content.ReadFromJsonAsync<SiteVerifyResponse>(ct);
            if (answer is null || !answer.Success)
                return false;
            return answer.Score is not { } score || score >= settings.MinScore;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "reCAPTCHA verification failed; refusing the request.");
            return false;
        }
    }

    private sealed record SiteVerifyResponse(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("score")] double? Score,
        [property: JsonPropertyName("error-codes")] string[]? ErrorCodes);
}
