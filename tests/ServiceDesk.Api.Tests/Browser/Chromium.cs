using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Headless Debian Chromium driven by Debian's chromedriver, one browser per person (so each has
/// their own cookies). Never downloads a browser: missing packages skip the test, or fail it under CI.
/// </summary>
public sealed class Chromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile;
    private readonly string _baseUrl;

    public ChromeDriver Driver { get; }

    public static void RequireInstalled()
    {
        RealParts.Require(File.Exists(BrowserPath), "chromium", "A browser test");
        RealParts.Require(File.Exists(DriverPath), "chromium-driver", "A browser test");
    }

    public Chromium(string baseUrl)
    {
        _baseUrl = baseUrl;
        _profile = Directory.CreateTempSubdirectory("servicedesk-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-quic", $"--user-data-dir={_profile}",
            "--window-size=1280,1000");
        // The console log, where Chromium reports anything the Content-Security-Policy refused.
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Chromium's window cannot be narrower than about 500 px; a phone's width (320 px) is emulated.</summary>
    public void EmulateWidth(int width, int height = 900) =>
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = true,
        });

    public void StopEmulatingWidth() => Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);

    /// <summary>Opens each page 320 CSS pixels wide and says which scroll sideways (WCAG 1.4.10, reflow).</summary>
    public IReadOnlyList<string> SidewaysScrolling(IEnumerable<string> paths)
    {
        var failures = new List<string>();
        EmulateWidth(320);
        try
        {
            foreach (var path in paths)
            {
                Open(path);
                var overflow = (long)Script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")!;
                if (overflow > 0) failures.Add($"{path} scrolls sideways by {overflow}px at 320px wide");
            }
        }
        finally
        {
            StopEmulatingWidth();
        }
        return failures;
    }

    /// <summary>
    /// The open page, once shown: a screenshot saved as NAME.png, and its serious accessibility
    /// violations; a page not meant to show errors must show none.
    /// </summary>
    public IEnumerable<string> Audit(string name, bool showsErrors = false)
    {
        Until(d => d.FindElement(By.CssSelector("main h1")).Displayed);
        Screenshot(name);
        var problems = Axe.SeriousViolations(this).Select(v => $"{name}: {v}").ToList();
        // A page opened normally has nothing to correct: no error summary, no "Error:" title.
        problems.AddRange(ContentSecurityPolicyViolations().Select(v => $"{name}: {v}"));
        if (!showsErrors && (Driver.Title.StartsWith("Error:", StringComparison.Ordinal) || Driver.FindElements(By.CssSelector(".govuk-error-summary")).Count > 0))
            problems.Add($"{name}: shows an error when simply opened ({Driver.Title})");
        return problems;
    }

    /// <summary>Opens a page, first failing the test if the page before it broke the Content-Security-Policy.</summary>
    public void Open(string path)
    {
        var violations = ContentSecurityPolicyViolations();
        Assert.True(violations.Count == 0, $"Before opening {path}: {string.Join("; ", violations)}");
        Driver.Navigate().GoToUrl(_baseUrl + path);
    }

    /// <summary>What Chromium refused under the desk's Content-Security-Policy since last asked (read from its console log).</summary>
    public IReadOnlyList<string> ContentSecurityPolicyViolations() =>
        Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Message).ToList();

    public void SignIn(string email, string password = "Demo-Desk-2026!")
    {
        Open("/sign-in");
        Driver.FindElement(By.Id("email")).SendKeys(email);
        Driver.FindElement(By.Id("password")).SendKeys(password);
        Driver.FindElement(By.Id("password-sign-in")).Click();
        Until(d => !d.Url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Waits for a condition the page reaches by itself (a live update), up to 20 seconds.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string? what = null)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(20)) { Message = what ?? "the page" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public object? Script(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

    /// <summary>Marks the page so a test can prove it was not reloaded.</summary>
    public void MarkPage() => Script("window.__notReloaded = true;");

    public bool PageWasNotReloaded() => Script("return window.__notReloaded === true;") is true;

    /// <summary>Waits until the page's live connection is up.</summary>
    public void WaitLive() => Until(_ => Script("return !!(window.deskLive && window.deskLive.connected);") is true, "the live connection");

    public string Heading() => Driver.FindElement(By.CssSelector("main h1")).Text;

    public void Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    public void Dispose()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        try { Directory.Delete(_profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
