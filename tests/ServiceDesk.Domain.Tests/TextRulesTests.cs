using ServiceDesk.Core;

namespace ServiceDesk.Domain.Tests;

public sealed class TextRulesTests
{
    [Fact]
    public void HasTag_is_true_for_an_html_element() =>
        Assert.True(TextRules.HasTag("<b>hi</b>"));

    // HTML never starts a tag with "< " (the tokenizer needs a letter, "/" or "!" straight after
    // "<"), so a title comparing with angle brackets is plain text and must be accepted.
    [Fact]
    public void HasTag_is_false_for_plain_text_comparing_with_angle_brackets() =>
        Assert.False(TextRules.HasTag("a < b and c > d"));

    [Theory]
    [InlineData("<p class=\"x\">text")]
    [InlineData("</div>")]
    [InlineData("<!-- comment -->")]
    public void HasTag_is_true_for_any_element_or_markup(string text) =>
        Assert.True(TextRules.HasTag(text));

    [Theory]
    [InlineData("Printer on floor 2 is broken")]
    [InlineData("Budget < 500")]
    [InlineData("3 > 2")]
    [InlineData("")]
    [InlineData(null)]
    public void HasTag_is_false_for_text_without_a_tag(string? text) =>
        Assert.False(TextRules.HasTag(text));

    [Fact]
    public void HasDangerousMarkup_is_true_for_a_script_element() =>
        Assert.True(TextRules.HasDangerousMarkup("<script>alert(1)</script>"));

    [Fact]
    public void HasDangerousMarkup_is_false_for_angle_brackets_around_ordinary_words() =>
        Assert.False(TextRules.HasDangerousMarkup("error <missing file>"));

    [Theory]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<IMG SRC=x>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<div onclick='steal()'>")]
    public void HasDangerousMarkup_is_true_for_script_capable_markup(string text) =>
        Assert.True(TextRules.HasDangerousMarkup(text));

    [Theory]
    [InlineData("Press <Enter> to continue")]
    [InlineData("Budget < 500 and > 100")]
    [InlineData("<b>bold</b> is fine in free text")]
    [InlineData(null)]
    public void HasDangerousMarkup_is_false_for_harmless_text(string? text) =>
        Assert.False(TextRules.HasDangerousMarkup(text));
}
