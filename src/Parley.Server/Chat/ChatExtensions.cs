using Microsoft.Extensions.AI;
using Parley.Server.Captcha;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Generation.Extractive;
using Parley.Server.Chat.Providers;
using Parley.Server.Chat.SavedAnswers;
using Parley.Server.Chat.WebSearch;
using Parley.Server.Credits;

namespace Parley.Server.Chat;

public static class ChatExtensions
{
    public static IServiceCollection AddParleyChat(this IServiceCollection services)
    {
        services.AddOptions<CreditOptions>().BindConfiguration(CreditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecaptchaOptions>().BindConfiguration(RecaptchaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<RecaptchaVerifier>();

        services.AddSingleton<Bots.RefusedOrigins>();
        services.AddHostedService<Bots.RefusedOriginsWorker>();
        services.AddSingleton<OriginGuard>();
        services.AddSingleton<RecaptchaGuard>();
        services.AddSingleton<RateLimitGuard>();
        services.AddSingleton<ConversationGuard>();
        services.AddSingleton<Bots.BotCache>();
        services.AddSingleton<ChatGate>();

        services.AddSingleton<IChatClient, ExtractiveChatClient>();
        services.AddSingleton<ChatClientFactory>();
        services.AddSingleton<ModelConnectionTest>();
        services.AddSingleton<CreditPrice>();
        services.AddSingleton<CreditReservations>();
        services.AddHostedService<ExpiredCreditsWorker>();

        // Blocks first (a blocked answer needs no rewriting), then grounding, then redaction of what remains.
        services.AddSingleton<IAnswerFilter, BlockedTermsFilter>();
        services.AddSingleton<IAnswerFilter, BlockedTopicsFilter>();
        services.AddSingleton<IAnswerFilter, GroundingFilter>();
        services.AddSingleton<IAnswerFilter, PiiRedactionFilter>();
        services.AddSingleton<AnswerFilterChain>();
        services.AddSingleton<KnowledgeAnswerStep>();
        services.AddSingleton<SavedAnswerFinder>();
        services.AddSingleton<SavedAnswerStep>();
        services.AddParleyWebSearch();
        services.AddSingleton<ChatTurnRunner>();

        // A preflight carries no body, so it cannot know which bot is asked; the bot's allowed domains
        // are enforced on the POST itself (OriginGuard), whose refusal stays readable by the page.
        services.AddCors(cors => cors.AddPolicy(ChatEndpoints.PublicCorsPolicy, policy => policy
            .SetIsOriginAllowed(_ => true)
            .WithMethods("POST")
            .WithHeaders("Content-Type")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }
}
