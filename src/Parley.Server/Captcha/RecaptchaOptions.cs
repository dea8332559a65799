using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Captcha;

/// <summary>Section <c>Parley:Recaptcha</c>. Setting <see cref="Secret"/> makes a token required on the public endpoint.</summary>
public sealed class RecaptchaOptions
{
    public const string Section = "Parley:Recaptcha";

    public string? Secret { get; set; }

    [Url]
    public string VerifyUrl { get; set; } = "https://www.google.com/recaptcha/api/siteverify";

    /// <summary>reCAPTCHA v3 scores below this are refused; v2 answers carry no score and pass on success alone.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; set; } = 0.5;

    [Range(100, 30_000)]
    public int TimeoutMs { get; set; } = 5000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Secret);
}
