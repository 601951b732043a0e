using Ganss.Xss;
using Markdig;
using ServiceDesk.Core.Abstractions;

namespace ServiceDesk.Infrastructure.Knowledge;

/// <summary>
/// Article Markdown to HTML with Markdig (CommonMark plus tables, lists and auto-links), then through
/// HtmlSanitizer: raw HTML in the Markdown is allowed only as far as it is harmless (no script, styles,
/// event handlers or javascript: links), so an author's slip can never run in a reader's browser.
/// </summary>
public sealed class ArticleRenderer : IArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseListExtras().UseAutoLinks().UseEmphasisExtras().Build();

    private readonly HtmlSanitizer _sanitizer = Sanitizer();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));

    public string ToText(string markdown) => Markdown.ToPlainText(markdown ?? "", Pipeline);

    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        return sanitizer;
    }
}
