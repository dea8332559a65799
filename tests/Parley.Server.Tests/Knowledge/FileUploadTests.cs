using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge.Extraction;

namespace Parley.Server.Tests.Knowledge;

/// <summary>Documents uploaded as files become knowledge the bot answers from.</summary>
public class FileUploadTests : ParleyTest
{
    public static TheoryData<string, string, byte[], string> Documents => new()
    {
        { "descaling.pdf", "application/pdf", SampleFiles.Pdf("Descaling guide", ["Descaling your kettle", "Boil equal parts vinegar and water, then rinse twice."]), "vinegar" },
        { "descaling.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            SampleFiles.Docx("Descaling guide", ("Heading1", "Descaling your kettle"), ("Normal", "Boil equal parts vinegar and water, then rinse twice.")), "vinegar" },
        { "descaling.md", "text/markdown", Encoding.UTF8.GetBytes("# Descaling your kettle\n\nBoil equal parts vinegar and water, then rinse twice."), "vinegar" },
        { "descaling.html", "text/html", Encoding.UTF8.GetBytes("<html><head><title>Descaling</title></head><body><nav>Menu</nav><main><h1>Descaling your kettle</h1><p>Boil equal parts vinegar and water, then rinse twice.</p></main></body></html>"), "vinegar" },
        { "descaling.txt", "text/plain", Encoding.UTF8.GetBytes("Descaling your kettle: boil equal parts vinegar and water, then rinse twice."), "vinegar" },
        // A stray NUL is no text: dropped, so the sentence around it is kept whole on every backend.
        { "descaling-nul.txt", "text/plain", Encoding.UTF8.GetBytes("Descaling your kettle: boil equal parts vinegar\0 and water, then rinse twice."), "vinegar and water" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task An_uploaded_document_is_indexed_and_answers(string fileName, string contentType, byte[] content, string expected)
    {
        var botId = await Admin.CreateBotAsync();

        using var response = await UploadAsync(botId, fileName, contentType, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var source = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("file", source.GetProperty("type").GetString());
        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.True(source.GetProperty("chunks").GetInt32() >= 1);
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale my kettle?", ChatStreams.NewSession()));
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_file_is_a_400_naming_the_field()
    {
        var botId = await Admin.CreateBotAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

        using var response = await UploadAsync(botId, "logo.png", "image/png", png);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413()
    {
        var botId = await Admin.CreateBotAsync();

        using var response = await UploadAsync(botId, "huge.txt", "text/plain", new byte[21 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("file_too_large", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_form_without_a_file_is_a_400()
    {
        var botId = await Admin.CreateBotAsync();
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };

        using var response = await Admin.Http.PostAsync($"/v1/bots/{botId}/sources", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> UploadAsync(string botId, string fileName, string contentType, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return Admin.Http.PostAsync($"/v1/bots/{botId}/sources", form);
    }
}
