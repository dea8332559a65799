using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Bots;
using Parley.Server.Chat;
using Parley.Server.Conversations;
using Parley.Server.DemoBot;
using Parley.Server.Hosting;
using Parley.Server.Insights;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Knowledge.Ingestion;
using Parley.Server.Moving;
using Parley.Server.Playground;
using Parley.Server.Privacy;
using Parley.Server.RateLimiting;
using Parley.Server.Redis;
using Parley.Server.Storage;
using Parley.Server.Widget;
using Parley.Server.Workspaces;

// `export` and `import` move a deployment between backends instead of serving.
if (await MoveCommands.TryRunAsync(args) is { } exitCode)
    return exitCode;

// Settings and static files ship beside the binary, wherever the server is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseParleyDefaults();

builder.Services.AddParleyJson();
builder.Services.AddParleyStorage(builder.Configuration);
builder.Services.AddParleyAuth();
builder.Services.AddParleyRateLimiting(builder.Configuration);
builder.Services.AddParleyCoordination(builder.Configuration);
builder.Services.AddParleyEmbeddings(builder.Configuration);
builder.Services.AddParleyKnowledge();
builder.Services.AddParleyIngestion();
builder.Services.AddParleyChat();
builder.Services.AddParleyPrivacy();
builder.Services.AddParleyDemoBot();
builder.Services.AddParleyWidget();
builder.Services.AddParleyInsights();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/healthz");
app.MapOpenApi();
app.MapMe();
app.MapWorkspaces();
app.MapBots();
app.MapRefusedOrigins();
app.MapContactDetails();
app.MapSources();
app.MapSourcePages();
app.MapKnowledgeStatus();
app.MapKnowledgeSearch();
app.MapConversations();
app.MapInsights();
app.MapChat();
app.MapWidget();
app.MapFeedback();
app.MapPlayground();
app.MapParleyDocs();

app.Run();
return 0;
