using System.Collections;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>Runs axe-core (restored from npm with the web project's front end) in the page.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceDesk.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "src", "ServiceDesk.Web", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path)) Assert.Fail($"axe-core is missing at {path}: building the web project runs npm ci, which restores it.");
        return File.ReadAllText(path);
    });

    /// <summary>The serious and critical violations of WCAG 2.2 A/AA rules on the open page, as readable lines.</summary>
    public static IReadOnlyList<string> SeriousViolations(Chromium browser)
    {
        browser.Script(Source.Value);
        var result = ((OpenQA.Selenium.IJavaScriptExecutor)browser.Driver).ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
              .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))))
              .catch(e => done(['axe failed: ' + e]));
            """);
        return result is IEnumerable list ? list.Cast<object>().Select(o => o.ToString()!).ToList() : [$"axe returned {result}"];
    }
}
