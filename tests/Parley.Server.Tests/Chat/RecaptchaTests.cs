using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>With reCAPTCHA configured, the public endpoint requires a token and checks it with siteverify.</summary>
public class RecaptchaTests : BackendTest, IAsyncLifetime
{
    private FakeRecaptchaServer _google = null!;
    private ParleyApp _app = null!;
    private string _botId = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeRecaptchaServer.StartAsync();
        _app = await StartAppAsync(app => app
            .With("Parley:Recaptcha:Secret", FakeRecaptchaServer.Secret)
            .With("Parley:Recaptcha:VerifyUrl", _google.VerifyUrl)
            .With("Parley:Recaptcha:MinScore", "0.5"));
        using var admin = _app.Admin();
        _botId = await admin.CreateKnowledgeableBotAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _google.DisposeAsync();
    }

    [Fact]
    public async Task A_missing_token_is_a_400_naming_the_field()
    {
        var refusal = await Assert.ThrowsAsync<ParleyBadRequestException>(() => AskAsync(token: null));

        Assert.Equal("recaptcha_required", refusal.Error);
        Assert.Equal("recaptcha_token", refusal.Field);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("low")]
    public async Task A_failing_or_low_scoring_token_is_a_403(string token)
    {
        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() => AskAsync(token));

        Assert.Equal("recaptcha_failed", refusal.Error);
    }

    [Theory]
    [InlineData("good")]
    [InlineData("v2")]
    public async Task A_valid_token_lets_the_message_through(string token)
    {
        var answer = await AskAsync(token);

        Assert.Contains("5 business days", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_verified_with_the_deployment_secret_and_the_visitor_ip()
    {
        await AskAsync("good");

        Assert.Contains(_google.Requests, form =>
            form["secret"] == FakeRecaptchaServer.Secret && form["response"] == "good" && form["remoteip"] == "127.0.0.1");
    }

    [Fact]
    public async Task The_authenticated_endpoint_needs_no_token()
    {
        var answer = await new ParleyChatClient(_app.NewHttpClient(), ParleyApp.AdminKey)
            .AskAsync(new ChatRequest(_botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Contains("5 business days", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_verifier_refuses_rather_than_letting_everyone_through()
    {
        await using var app = await StartAppAsync(a => a
            .With("Parley:Recaptcha:Secret", FakeRecaptchaServer.Secret)
            .With("Parley:Recaptcha:VerifyUrl", "http://127.0.0.1:9/recaptcha/api/siteverify"));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() =>
            app.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession(), RecaptchaToken: "good")));

        Assert.Equal("recaptcha_failed", refusal.Error);
    }

    private Task<ChatAnswer> AskAsync(string? token) =>
        _app.PublicChat().AskAsync(new ChatRequest(_botId, "How long do refunds take?", ChatStreams.NewSession(), RecaptchaToken: token));
}
