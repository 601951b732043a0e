using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// <c>&lt;field-error for="title" /&gt;</c>: the GOV.UK error message of one field, with the id
/// its input's aria-describedby names (<c>title-error</c>); nothing when the field is fine.
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    public string For { get; set; } = "";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // The request's model state, so the helper works in partials whatever their model.
        if (DeskPageModel.ErrorFor(ViewContext.ModelState, For) is not { } message)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", $"{For}-error");
        output.Attributes.SetAttribute("class", "govuk-error-message");
        output.Content.AppendHtml("<span class=\"govuk-visually-hidden\">Error:</span> ");
        output.Content.Append(message);
    }
}
