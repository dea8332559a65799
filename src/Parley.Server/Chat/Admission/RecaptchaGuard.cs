using Microsoft.Extensions.Options;
using Parley.Server.Api;
using Parley.Server.Captcha;

namespace Parley.Server.Chat.Admission;

/// <summary>When the deployment uses reCAPTCHA, a public request needs a token (400 without), and a valid one (403).</summary>
public sealed class RecaptchaGuard(IOptions<RecaptchaOptions> options, IServiceProvider services)
{
    public async Task<ApiError?> CheckAsync(ChatRequest request, HttpContext http)
    {
        if (!options.Value.Enabled)
            return null;
        if (string.IsNullOrWhiteSpace(request.RecaptchaToken))
            return new ApiError(StatusCodes.Status400BadRequest, "recaptcha_required", "This deployment requires a reCAPTCHA token.", "recaptcha_token");

        var verifier = services.GetRequiredService<RecaptchaVerifier>();
        var remoteIp = http.Connection.RemoteIpAddress?.ToString();
        return await verifier.VerifyAsync(request.RecaptchaToken, remoteIp, http.RequestAborted)
            ? null
            : ApiError.Forbidden("recaptcha_failed", "The reCAPTCHA check failed.");
    }
}
