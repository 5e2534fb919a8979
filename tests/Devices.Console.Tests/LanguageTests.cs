using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class LanguageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Switching_to_simplified_chinese_translates_the_shell_and_the_pages()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/labels");
        await Expect(page.GetByLabel("Search by SKU or name")).ToBeVisibleAsync();
        await page.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Label = "简体中文" });

        var nav = page.GetByRole(AriaRole.Navigation);
        foreach (var title in new[] { "设备", "餐桌", "价签", "扫码" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("按 SKU 或名称搜索")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Search by SKU or name")).ToHaveCountAsync(0);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        // The choice is kept: another page, and a reload, stay in Chinese.
        await nav.GetByRole(AriaRole.Link, new() { Name = "餐桌", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "餐桌", Level = 1 })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByText("已登录：" + ConsoleGateway.StaffName)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_browser_set_to_chinese_gets_the_sign_in_page_in_chinese()
    {
        var page = await fixture.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/console/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await page.GetByLabel("用户名").FillAsync(ConsoleGateway.StaffName);
        await page.GetByLabel("密码").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        await page.Context.CloseAsync();
    }
}
