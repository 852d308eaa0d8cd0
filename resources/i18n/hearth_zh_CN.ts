<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddServerDialog</name>
    <message>
        <source>Add MCP servers</source>
        <translation>添加 MCP 服务器</translation>
    </message>
    <message>
        <source>Paste the servers&apos; configuration, as Claude&apos;s desktop app, LM Studio and Jan write it. Hearth starts each command on this computer; what a server does, including connecting to the network, is up to that server.</source>
        <translation>粘贴服务器的配置，格式与 Claude 桌面应用、LM Studio 和 Jan 所写的相同。Hearth 会在这台电脑上启动每个命令；服务器做什么（包括连接网络）由该服务器决定。</translation>
    </message>
    <message>
        <source>MCP server configuration</source>
        <translation>MCP 服务器配置</translation>
    </message>
    <message>
        <source>Add and start</source>
        <translation>添加并启动</translation>
    </message>
</context>
<context>
    <name>ApiDialog</name>
    <message>
        <source>Local API</source>
        <translation>本地 API</translation>
    </message>
    <message>
        <source>An OpenAI-compatible API for the model open in Hearth, for editors, scripts and tools such as Codex CLI. Apps must send the key below. Replies for the API and for this window take turns on the one model.</source>
        <translation>为 Hearth 中打开的模型提供的 OpenAI 兼容 API，供编辑器、脚本以及 Codex CLI 等工具使用。应用必须发送下面的密钥。API 与本窗口的回复轮流使用同一个模型。</translation>
    </message>
    <message>
        <source>Turn on the local API</source>
        <translation>开启本地 API</translation>
    </message>
    <message>
        <source>Let other computers on this network use it (the key is still required)</source>
        <translation>允许此网络中的其他电脑使用（仍然需要密钥）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>复制密钥</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <source>Make a new key; apps using the old one are refused from now on</source>
        <translation>生成新密钥；使用旧密钥的应用从此将被拒绝</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Off: nothing listens.</source>
        <translation>已关闭：没有任何监听。</translation>
    </message>
    <message>
        <source>Not running (see the message in the window).</source>
        <translation>未运行（请查看窗口中的消息）。</translation>
    </message>
    <message>
        <source>Open to this network: other computers reach it at {address} with the key. Turn this off when you do not need it.</source>
        <translation>已向此网络开放：其他电脑可凭密钥通过 {address} 访问。不需要时请关闭。</translation>
    </message>
    <message>
        <source>Only apps on this computer can reach it, at {address}.</source>
        <translation>只有这台电脑上的应用可以访问，地址为 {address}。</translation>
    </message>
    <message>
        <source>The key was shown when it was made; make a new one if you no longer have it.</source>
        <translation>密钥只在生成时显示过；如果您已不再保存它，请生成一个新的。</translation>
    </message>
</context>
<context>
    <name>ApiService</name>
    <message>
        <source>This computer has no keyring, so the API key lasts only until Hearth quits.</source>
        <translation>这台电脑没有密钥环，因此 API 密钥只在 Hearth 退出前有效。</translation>
    </message>
    <message>
        <source>The local API could not start on port {port}: {reason}. Choose another port in Settings → Local API.</source>
        <translation>本地 API 无法在端口 {port} 上启动：{reason}。请在“设置 → 本地 API”中选择其他端口。</translation>
    </message>
    <message>
        <source>The local API stays off: the system keyring, which holds its key, could not be read (is it locked?).</source>
        <translation>本地 API 保持关闭：无法读取保存其密钥的系统密钥环（是否已锁定？）。</translation>
    </message>
</context>
<context>
    <name>AssistantTurnWidget</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无回答</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation>首个 token {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tokens/s</source>
        <translation>{rate} token/s</translation>
    </message>
    <message>
        <source>{prompt} prompt + {generated} generated tokens</source>
        <translation>提示 {prompt} + 生成 {generated} 个 token</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} 个 token</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the answer (without the reasoning)</source>
        <translation>复制回答（不含推理过程）</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Answer the last message again (Ctrl+R)</source>
        <translation>重新回答最后一条消息（Ctrl+R）</translation>
    </message>
    <message>
        <source>gpt-oss · {effort} effort</source>
        <translation>gpt-oss · 推理强度：{effort}</translation>
    </message>
    <message>
        <source>{file} p. {page} {lines}</source>
        <translation>{file} 第 {page} 页 {lines}</translation>
    </message>
    <message>
        <source>Show the passage in {path}</source>
        <translation>显示 {path} 中的段落</translation>
    </message>
    <message>
        <source>{status}: {error}</source>
        <translation>{status}：{error}</translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation>思考中… {seconds} 秒</translation>
    </message>
    <message>
        <source>Thought for {seconds} s</source>
        <translation>已思考 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>上一版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一版本</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>&apos;{repo}&apos; is not a Hugging Face model name. Write it as owner/name, for example ggml-org/gpt-oss-20b-GGUF.</source>
        <translation>“{repo}”不是 Hugging Face 模型名称。请写成“所有者/名称”的形式，例如 ggml-org/gpt-oss-20b-GGUF。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a GGUF file name; Hearth downloads .gguf files.</source>
        <translation>“{path}”不是 GGUF 文件名；Hearth 只下载 .gguf 文件。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a file path inside a repository.</source>
        <translation>“{path}”不是仓库内的文件路径。</translation>
    </message>
    <message>
        <source>&apos;{revision}&apos; is not a branch, tag or commit name.</source>
        <translation>“{revision}”不是分支、标签或提交的名称。</translation>
    </message>
    <message>
        <source>Added by you. Its size and checksum are read from the Hub before it downloads.</source>
        <translation>由你添加。下载前会从 Hub 读取其大小和校验和。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; claims {count} parts.</source>
        <translation>“{name}”声称有 {count} 个分卷。</translation>
    </message>
    <message>
        <source>OpenAI&apos;s smaller open-weight model: 21 B parameters, 3.6 B active per token. Runs within 16 GB of memory, so a laptop.</source>
        <translation>OpenAI 较小的开放权重模型：21 B 参数，每个 token 激活 3.6 B。16 GB 内存以内即可运行，笔记本电脑也能用。</translation>
    </message>
    <message>
        <source>OpenAI&apos;s larger open-weight model: 117 B parameters, 5.1 B active per token. Fits a single 80 GB GPU, or a workstation with the experts in system RAM.</source>
        <translation>OpenAI 较大的开放权重模型：117 B 参数，每个 token 激活 5.1 B。单块 80 GB GPU 即可容纳，也可在工作站上运行（专家层放在系统 RAM 中）。</translation>
    </message>
    <message>
        <source>Experts in MXFP4 as OpenAI released them; attention, embeddings and output Q8_0; norms, biases and router F32. Published by llama.cpp&apos;s maintainers.</source>
        <translation>专家层为 OpenAI 发布时的 MXFP4；注意力层、嵌入层和输出层为 Q8_0；归一化、偏置和路由为 F32。由 llama.cpp 的维护者发布。</translation>
    </message>
    <message>
        <source>Experts in MXFP4; attention, embeddings and output Q8_0; norms, biases and router F32. Split in three shards that download and load as one model.</source>
        <translation>专家层为 MXFP4；注意力层、嵌入层和输出层为 Q8_0；归一化、偏置和路由为 F32。分为三个分卷，作为一个模型下载和加载。</translation>
    </message>
    <message>
        <source>MXFP4 experts kept, everything else F16. Larger and no better for chatting; a starting point for local quantization experiments.</source>
        <translation>保留 MXFP4 专家层，其余均为 F16。体积更大，对话效果并不更好；适合作为本地量化实验的起点。</translation>
    </message>
    <message>
        <source>MXFP4 experts kept, everything else F16. The file list is read from the Hub (every GGUF whose name contains F16).</source>
        <translation>保留 MXFP4 专家层，其余均为 F16。文件列表从 Hub 读取（名称中含 F16 的所有 GGUF 文件）。</translation>
    </message>
    <message>
        <source>The same MXFP4 layout, as LM Studio distributes it. Pick it if you already use LM Studio&apos;s copy elsewhere.</source>
        <translation>相同的 MXFP4 量化格式，由 LM Studio 分发。如果你已在别处使用 LM Studio 的副本，请选择它。</translation>
    </message>
</context>
<context>
    <name>ChatService</name>
    <message>
        <source>Stopped before the tool answered.</source>
        <translation>在工具回答之前已停止。</translation>
    </message>
    <message>
        <source>Stopped: the model called tools {count} times in one reply, which looks like a loop.</source>
        <translation>已停止：模型在一次回答中调用了 {count} 次工具，看起来陷入了循环。</translation>
    </message>
    <message>
        <source>There is no tool named {name} in this chat; the model was told.</source>
        <translation>此对话中没有名为 {name} 的工具；已告知模型。</translation>
    </message>
    <message>
        <source>You denied this call; the model was told.</source>
        <translation>你拒绝了这次调用；已告知模型。</translation>
    </message>
    <message>
        <source>Open a model first: File → Open model… (Ctrl+O).</source>
        <translation>请先打开模型：文件 → 打开模型…（Ctrl+O）。</translation>
    </message>
    <message>
        <source>gpt-oss reached this chat&apos;s thinking limit ({tokens} tokens) and was asked to answer. Raise it in Chat → Tools… if answers suffer.</source>
        <translation>gpt-oss 已达到此对话的思考上限（{tokens} 个词元），已被要求直接回答。如果回答质量受影响，请在 对话 → 工具… 中调高上限。</translation>
    </message>
    <message>
        <source>A JSON schema could not be used, so that part of the reply was not held to it: {detail}</source>
        <translation>无法使用某个 JSON 架构，因此回答的这一部分未受其约束：{detail}</translation>
    </message>
    <message>
        <source>The reply reached the end of the context window.</source>
        <translation>回复已达到上下文的上限。</translation>
    </message>
    <message>
        <source>The reply reached this chat&apos;s limit of {tokens} tokens (Chat → Tools…).</source>
        <translation>回答已达到此对话 {tokens} 个词元的上限（对话 → 工具…）。</translation>
    </message>
    <message>
        <source>The model stopped: {reason}</source>
        <translation>模型已停止：{reason}</translation>
    </message>
    <message>
        <source>This chat uses {used} of the model&apos;s {total}-token context. A long answer may not fit: start a new chat, or reload the model with a longer context.</source>
        <translation>此对话已使用模型 {total} token 上下文中的 {used}。较长的回答可能放不下：请新建对话，或以更长的上下文重新加载模型。</translation>
    </message>
    <message>
        <source>The chat could not be exported to {path}: {reason}</source>
        <translation>无法将对话导出到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Hearth was closed while this answer was being written.</source>
        <translation>生成此回答时 Hearth 被关闭了。</translation>
    </message>
    <message>
        <source>That chat no longer exists.</source>
        <translation>该对话已不存在。</translation>
    </message>
    <message>
        <source>Something went wrong while saving the history; details are in the log.</source>
        <translation>保存历史记录时出错；详情见日志。</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Ask anything: gpt-oss thinks first, then answers. Nothing you write leaves this computer.</source>
        <translation>尽管提问：gpt-oss 会先思考，再回答。你写的任何内容都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>Reasoning effort: low answers fast, high thinks longer. “Think harder” asks again at high.</source>
        <translation>推理强度：低则回答快，高则思考更久。“深入思考”会以高推理强度重新提问。</translation>
    </message>
    <message>
        <source>Instructions… tell gpt-oss how to answer in this chat (tone, language, format).</source>
        <translation>指令…告诉 gpt-oss 在此对话中如何回答（语气、语言、格式）。</translation>
    </message>
    <message>
        <source>Ctrl+N starts a new chat, Ctrl+F searches every chat, Ctrl+M opens the models.</source>
        <translation>Ctrl+N 新建对话，Ctrl+F 搜索所有对话，Ctrl+M 打开模型管理。</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>开始对话</translation>
    </message>
    <message>
        <source>Show earlier messages</source>
        <translation>显示更早的消息</translation>
    </message>
</context>
<context>
    <name>CleanupTab</name>
    <message>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>sidecar</source>
        <translation>附属文件</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>部分下载</translation>
    </message>
    <message>
        <source>temporary</source>
        <translation>临时</translation>
    </message>
    <message>
        <source>unregistered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Partial downloads nobody is resuming (Hearth&apos;s and huggingface_hub&apos;s) and files left by interrupted copies.</source>
        <translation>无人继续的部分下载（Hearth 和 huggingface_hub 留下的），以及中断的复制留下的文件。</translation>
    </message>
    <message>
        <source>Leftover file</source>
        <translation>遗留文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Leftover files</source>
        <translation>遗留文件</translation>
    </message>
    <message>
        <source>{count} leftover files, {size}</source>
        <translation>{count} 个遗留文件，{size}</translation>
    </message>
    <message>
        <source>Nothing to clean up.</source>
        <translation>没有需要清理的内容。</translation>
    </message>
</context>
<context>
    <name>CpuCheck</name>
    <message>
        <source>none on this CPU</source>
        <translation>此 CPU 上没有</translation>
    </message>
    <message>
        <source>on ({kinds}): {reason}</source>
        <translation>开启（{kinds}）：{reason}</translation>
    </message>
    <message>
        <source>off: {reason}</source>
        <translation>关闭：{reason}</translation>
    </message>
    <message>
        <source>the check ended without an answer; llama.cpp&apos;s default is kept.</source>
        <translation>检查结束但没有得到结果；保留 llama.cpp 的默认设置。</translation>
    </message>
    <message>
        <source>a model crashed on its first reply with them on this processor, so Hearth loads without them (a little slower to read prompts, the same answers).</source>
        <translation>在此处理器上启用权重重排后，模型在首次回复时崩溃，因此 Hearth 加载时不再使用它（读取提示稍慢，回答不变）。</translation>
    </message>
    <message>
        <source>the check could not run ({error}); llama.cpp&apos;s default is kept.</source>
        <translation>无法运行检查（{error}）；保留 llama.cpp 的默认设置。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>with them ({kinds}) a test model computed different numbers than without them on this processor, so Hearth loads without them.</source>
        <translation>在此处理器上，启用权重重排（{kinds}）时测试模型算出的数值与不启用时不同，因此 Hearth 加载时不使用它。</translation>
    </message>
    <message>
        <source>a test model ran the same with and without them here.</source>
        <translation>在这台电脑上，测试模型启用和不启用权重重排的结果相同。</translation>
    </message>
    <message>
        <source>llama.cpp has no re-laid-out kernels for this processor.</source>
        <translation>llama.cpp 没有适用于此处理器的权重重排内核。</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s re-laid-out kernels crashed a test model on this processor, so Hearth loads without them (a little slower to read prompts, the same answers).</source>
        <translation>在此处理器上，llama.cpp 的权重重排内核导致测试模型崩溃，因此 Hearth 加载时不使用它们（读取提示稍慢，回答不变）。</translation>
    </message>
    <message>
        <source>the check did not finish ({reason}); llama.cpp&apos;s default is kept.</source>
        <translation>检查未完成（{reason}）；保留 llama.cpp 的默认设置。</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>The file is gone.</source>
        <translation>文件已不存在。</translation>
    </message>
    <message>
        <source>Hearth may not read this file.</source>
        <translation>Hearth 无权读取此文件。</translation>
    </message>
    <message>
        <source>This is a folder, not a file.</source>
        <translation>这是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>No text was found in it.</source>
        <translation>其中没有找到文字。</translation>
    </message>
    <message>
        <source>This is not a text file (it holds binary data).</source>
        <translation>这不是文本文件（其中包含二进制数据）。</translation>
    </message>
    <message>
        <source>Only the first {limit} of its {size} were read.</source>
        <translation>只读取了全部 {size} 中的前 {limit}。</translation>
    </message>
    <message>
        <source>This is not a text file Hearth can read.</source>
        <translation>这不是 Hearth 能读取的文本文件。</translation>
    </message>
    <message>
        <source>The PDF is protected by a password; Hearth cannot read it.</source>
        <translation>该 PDF 受密码保护，Hearth 无法读取。</translation>
    </message>
    <message>
        <source>The PDF is damaged and cannot be read ({reason}).</source>
        <translation>该 PDF 已损坏，无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>Pages without text (scanned images?): {pages}.</source>
        <translation>没有文字的页面（可能是扫描图像）：{pages}。</translation>
    </message>
    <message>
        <source>None of its pages has text: it is probably scanned images, which Hearth cannot read.</source>
        <translation>它的所有页面都没有文字：可能是扫描图像，Hearth 无法读取。</translation>
    </message>
    <message>
        <source>The Word file is damaged and cannot be read ({reason}).</source>
        <translation>该 Word 文件已损坏，无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>Reading the attached documents…</source>
        <translation>正在读取附加的文档…</translation>
    </message>
    <message>
        <source>Not everything in them could be read (see Chat → Documents…): {count}.</source>
        <translation>其中有些内容无法读取（见 对话 → 文档…）：{count}。</translation>
    </message>
    <message>
        <source>{docs} files, about {tokens} tokens: they fit whole in this chat&apos;s {ctx} context.</source>
        <translation>{docs} 个文件，约 {tokens} 个词元：可以完整放入此对话的 {ctx} 上下文。</translation>
    </message>
    <message>
        <source>{docs} files, about {tokens} tokens: too large to send whole, so gpt-oss will search them.</source>
        <translation>{docs} 个文件，约 {tokens} 个词元：太大，无法完整发送，gpt-oss 将在其中搜索。</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>In this chat</source>
        <translation>在此对话中</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>读取进度</translation>
    </message>
    <message>
        <source>What could not be read</source>
        <translation>无法读取的内容</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Documents are read and searched on this computer; nothing leaves it. Tick a collection to let gpt-oss use it in this chat.</source>
        <translation>文档在这台电脑上读取和搜索，不会离开它。勾选一个文档集，即可让 gpt-oss 在此对话中使用它。</translation>
    </message>
    <message>
        <source>No collections yet. Add a folder to keep it indexed, or drop files on the chat.</source>
        <translation>还没有文档集。添加一个文件夹以保持索引，或把文件拖到对话中。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Holds: {roots}</source>
        <translation>包含：{roots}</translation>
    </message>
    <message>
        <source>{done} of {total} files, {rate} pages/s</source>
        <translation>{done}/{total} 个文件，每秒 {rate} 页</translation>
    </message>
    <message>
        <source>, about {seconds} s left</source>
        <translation>，约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>Rename collection</source>
        <translation>重命名文档集</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Add a folder of documents</source>
        <translation>添加文档文件夹</translation>
    </message>
    <message>
        <source>Add documents</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>Documents ({kinds})</source>
        <translation>文档（{kinds}）</translation>
    </message>
</context>
<context>
    <name>DownloadItem</name>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}</source>
        <translation>已暂停于 {done} / {total}</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Waiting for the download before it</source>
        <translation>等待前一个下载完成</translation>
    </message>
    <message>
        <source>Asking Hugging Face for sizes and checksums…</source>
        <translation>正在向 Hugging Face 查询大小和校验和…</translation>
    </message>
    <message>
        <source>Checking the files already on disk…</source>
        <translation>正在检查磁盘上已有的文件…</translation>
    </message>
    <message>
        <source>Downloaded and verified</source>
        <translation>已下载并校验</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Nothing is downloading. Pick a model under “Get models”.</source>
        <translation>当前没有下载。请在“获取模型”中选择一个模型。</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>DownloadService</name>
    <message>
        <source>Hearth is in offline mode. Turn offline mode off to download models.</source>
        <translation>Hearth 处于离线模式。关闭离线模式后才能下载模型。</translation>
    </message>
    <message>
        <source>{download} is still stopping; try again in a moment.</source>
        <translation>{download} 仍在停止中；请稍后再试。</translation>
    </message>
    <message>
        <source>{download} is already in the download list.</source>
        <translation>{download} 已在下载列表中。</translation>
    </message>
    <message>
        <source>Offline mode is on; turn it off to continue.</source>
        <translation>离线模式已开启；请关闭后继续。</translation>
    </message>
    <message>
        <source>The model downloaded but could not be registered: {error}</source>
        <translation>模型已下载，但无法注册：{error}</translation>
    </message>
    <message>
        <source>The download failed ({error}).</source>
        <translation>下载失败（{error}）。</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>There is not enough free space on the disk holding {folder}: the download needs {needed} ({file_size} for the file and {margin} kept free so the system and your chat history keep working) and {free} is free. Free at least {to_free} and try again.</source>
        <translation>{folder} 所在的磁盘空间不足：下载需要 {needed}（文件本身 {file_size}，另需保留 {margin} 空闲，以便系统和你的对话历史记录正常工作），而当前空闲 {free}。请至少释放 {to_free} 后重试。</translation>
    </message>
    <message>
        <source>{repo} has no GGUF file with {match} in its name.</source>
        <translation>{repo} 中没有名称包含 {match} 的 GGUF 文件。</translation>
    </message>
    <message>
        <source>{file} on Hugging Face is not the file this catalog names (its size or checksum changed). Hearth will not download an unexpected file; refresh the catalog to review the new version.</source>
        <translation>Hugging Face 上的 {file} 不是模型目录中记录的那个文件（其大小或校验和已变化）。Hearth 不会下载非预期的文件；请刷新模型目录以查看新版本。</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}.</source>
        <translation>无法写入 {file}：{error}。</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: {needed} more are needed to finish ({done} of {size} downloaded, kept). Free space and resume.</source>
        <translation>{folder} 所在的磁盘已满：还需要 {needed} 才能完成（已下载 {done} / {size}，已保留）。请释放空间后继续下载。</translation>
    </message>
    <message>
        <source>{error} (Hearth tried {count} times.)</source>
        <translation>{error}（Hearth 已尝试 {count} 次。）</translation>
    </message>
    <message>
        <source>Hearth is in offline mode, so the download did not start. Turn offline mode off to download models.</source>
        <translation>Hearth 处于离线模式，因此下载未开始。关闭离线模式后才能下载模型。</translation>
    </message>
    <message>
        <source>The download of {file} was cancelled and its partial file deleted.</source>
        <translation>{file} 的下载已取消，部分下载的文件已删除。</translation>
    </message>
    <message>
        <source>The download of {file} is paused at {done} of {size}; resume it to continue where it stopped.</source>
        <translation>{file} 的下载已暂停于 {done} / {size}；继续下载即可从中断处接着下载。</translation>
    </message>
    <message>
        <source>The server closed the connection before sending all of {file} ({done} of {size}); the download resumes where it stopped.</source>
        <translation>服务器在 {file} 发送完之前关闭了连接（{done} / {size}）；下载将从中断处继续。</translation>
    </message>
    <message>
        <source>The server&apos;s copy of {file} is {size} bytes, but the Hub published {published}. Hearth stopped rather than save a different file; refresh the model list and try again.</source>
        <translation>服务器上的 {file} 为 {size} 字节，但 Hub 公布的是 {published}。为免保存不同的文件，Hearth 已停止下载；请刷新模型列表后重试。</translation>
    </message>
    <message>
        <source>The server sent {file} from an unexpected position; starting it again.</source>
        <translation>服务器从意外的位置开始发送 {file}；正在重新下载。</translation>
    </message>
    <message>
        <source>The server refused to resume {file}; starting it again.</source>
        <translation>服务器拒绝续传 {file}；正在重新下载。</translation>
    </message>
    <message>
        <source>Stopped while checking {file}.</source>
        <translation>检查 {file} 时已停止。</translation>
    </message>
    <message>
        <source>{file} from {repo} did not match the checksum the Hub publishes (expected {expected}…, got {actual}…). The damaged file was deleted; download it again.</source>
        <translation>来自 {repo} 的 {file} 与 Hub 公布的校验和不匹配（应为 {expected}…，实际为 {actual}…）。已删除损坏的文件；请重新下载。</translation>
    </message>
</context>
<context>
    <name>EngineClient</name>
    <message>
        <source>The model process stopped answering.</source>
        <translation>模型进程已停止响应。</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <source>The model process was killed ({signal}), most often because the computer ran out of memory. Try a smaller context or close other programs, then reload.</source>
        <translation>模型进程被终止（{signal}），最常见的原因是电脑内存不足。请尝试更小的上下文或关闭其他程序，然后重新加载。</translation>
    </message>
    <message>
        <source>llama.cpp stopped on an internal error ({signal}).</source>
        <translation>llama.cpp 因内部错误而停止（{signal}）。</translation>
    </message>
    <message>
        <source>The model process crashed ({signal}).</source>
        <translation>模型进程崩溃（{signal}）。</translation>
    </message>
    <message>
        <source>The model process exited unexpectedly (exit code {code}).</source>
        <translation>模型进程意外退出（退出代码 {code}）。</translation>
    </message>
    <message>
        <source>repacked weights</source>
        <translation>重排的权重</translation>
    </message>
    <message>
        <source>It crashed with llama.cpp&apos;s re-laid-out weights for this processor ({kinds}); Hearth now loads models without them on this computer. Reload the model to go on.</source>
        <translation>它在使用 llama.cpp 针对此处理器重排的权重（{kinds}）时崩溃；此后 Hearth 在这台电脑上加载模型时不再使用权重重排。请重新加载模型以继续。</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>引擎未运行。</translation>
    </message>
    <message>
        <source>no answer from the engine within {seconds} s</source>
        <translation>引擎在 {seconds} 秒内没有响应</translation>
    </message>
    <message>
        <source>The engine was shut down.</source>
        <translation>引擎已关闭。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {error}.</source>
        <translation>无法读取 {file}：{error}。</translation>
    </message>
</context>
<context>
    <name>FitDetails</name>
    <message>
        <source>How much conversation the model can hold; longer needs more memory</source>
        <translation>模型能容纳的对话量；越长需要的内存越多</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>上下文：</translation>
    </message>
    <message>
        <source>Hearth cannot plan memory for this model.</source>
        <translation>Hearth 无法为此模型估算内存。</translation>
    </message>
</context>
<context>
    <name>FitPlan</name>
    <message>
        <source>an {size} context</source>
        <translation>{size} 上下文</translation>
    </message>
    <message>
        <source>a {size} context</source>
        <translation>{size} 上下文</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>尚可</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>very slow</source>
        <translation>很慢</translation>
    </message>
    <message>
        <source>{ram} of RAM (RAM unknown)</source>
        <translation>{ram} RAM（RAM 容量未知）</translation>
    </message>
    <message>
        <source>{ram} of RAM, {available} available ({total} in total)</source>
        <translation>{ram} RAM，可用 {available}（共 {total}）</translation>
    </message>
    <message>
        <source>{ram} of RAM, {available} available</source>
        <translation>{ram} RAM，可用 {available}</translation>
    </message>
    <message>
        <source>{layers} layers on the {gpu} need {vram} of GPU memory and {budget} is usable (free less a safety margin).</source>
        <translation>在 {gpu} 上放 {layers} 层需要 {vram} GPU 显存，而可用的只有 {budget}（空闲显存减去安全余量）。</translation>
    </message>
    <message>
        <source>It needs {ram} at {context}; running from swap or re-reading the file from disk would make it unusably slow.</source>
        <translation>在 {context} 下需要 {ram}；借助交换空间运行或从磁盘反复读取文件会让它慢得无法使用。</translation>
    </message>
    <message>
        <source>It runs entirely on the {gpu}: {vram} of GPU memory at {context} ({free} free); {ram}.</source>
        <translation>完全在 {gpu} 上运行：{context} 下需要 {vram} GPU 显存（空闲 {free}）；{ram}。</translation>
    </message>
    <message>
        <source>all layers but the experts on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}.</source>
        <translation>除专家层外的所有层都在 {gpu} 上（占用空闲 {free} 中的 {vram}），其余在 RAM 中：{context} 下需要 {ram}。</translation>
    </message>
    <message>
        <source>{layers} of {total} layers on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}.</source>
        <translation>{total} 层中的 {layers} 层在 {gpu} 上（占用空闲 {free} 中的 {vram}），其余在 RAM 中：{context} 下需要 {ram}。</translation>
    </message>
    <message>
        <source>It runs on the CPU from system memory: {ram} at {context}.</source>
        <translation>在 CPU 上使用系统内存运行：{context} 下需要 {ram}。</translation>
    </message>
    <message>
        <source>That is a little more than is free now: close other programs first.</source>
        <translation>这比当前空闲的内存略多：请先关闭其他程序。</translation>
    </message>
    <message>
        <source>{size} of the weights are re-laid out for this CPU&apos;s fast kernels ({kinds}); the file&apos;s copies of them stay mapped until the system needs the memory.</source>
        <translation>其中 {size} 的权重会为此 CPU 的快速内核重排（{kinds}）；文件中这些权重的原始副本会保持映射，直到系统需要这部分内存。</translation>
    </message>
    <message>
        <source>Expect about {low}–{high} tokens/s ({speed}).</source>
        <translation>预计约 {low}–{high} token/s（{speed}）。</translation>
    </message>
    <message>
        <source>{model}: {explanation}</source>
        <translation>{model}：{explanation}</translation>
    </message>
    <message>
        <source>it runs fully on the GPU</source>
        <translation>完全在 GPU 上运行</translation>
    </message>
    <message>
        <source>{layers} layers go on the GPU</source>
        <translation>{layers} 层放在 GPU 上</translation>
    </message>
    <message>
        <source>it fits in RAM</source>
        <translation>可以放入 RAM</translation>
    </message>
    <message>
        <source>it still does not fit</source>
        <translation>仍然内存不足</translation>
    </message>
    <message>
        <source>it runs fully on the GPU, about {low}–{high} tokens/s</source>
        <translation>完全在 GPU 上运行，约 {low}–{high} token/s</translation>
    </message>
    <message>
        <source>{layers} layers go on the GPU, about {low}–{high} tokens/s</source>
        <translation>{layers} 层放在 GPU 上，约 {low}–{high} token/s</translation>
    </message>
    <message>
        <source>it fits in RAM, about {low}–{high} tokens/s</source>
        <translation>可以放入 RAM，约 {low}–{high} token/s</translation>
    </message>
    <message>
        <source>Your {gpu} is not used: the installed llama.cpp was built for the CPU only. With a GPU build {outcome}. Install Hearth&apos;s GPU package, or rebuild: {command}.</source>
        <translation>你的 {gpu} 未被使用：已安装的 llama.cpp 仅为 CPU 构建。若使用 GPU 构建，{outcome}。请安装 Hearth 的 GPU 版软件包，或重新构建：{command}。</translation>
    </message>
    <message>
        <source>Turn on flash attention: saves {saved}; {outcome}.</source>
        <translation>开启 flash attention：节省 {saved}；{outcome}。</translation>
    </message>
    <message>
        <source>Turn off swa_full (the full-size sliding-window cache): saves {saved}; {outcome}.</source>
        <translation>关闭 swa_full（全尺寸滑动窗口缓存）：节省 {saved}；{outcome}。</translation>
    </message>
    <message>
        <source>Store the KV cache as q8_0: saves {saved}; {outcome}.</source>
        <translation>将 KV 缓存存为 q8_0：节省 {saved}；{outcome}。</translation>
    </message>
    <message>
        <source>Use {context}: saves {saved}; {outcome}.</source>
        <translation>使用 {context}：节省 {saved}；{outcome}。</translation>
    </message>
    <message>
        <source>Keep the experts in system RAM (llama.cpp --cpu-moe): {vram} on the GPU, {ram} in RAM; {outcome}.</source>
        <translation>将专家层保留在系统 RAM 中（llama.cpp --cpu-moe）：GPU 上 {vram}，RAM 中 {ram}；{outcome}。</translation>
    </message>
    <message>
        <source>An {size} context also fits here: {more} more.</source>
        <translation>这里也放得下 {size} 上下文：多需 {more}。</translation>
    </message>
    <message>
        <source>A {size} context also fits here: {more} more.</source>
        <translation>这里也放得下 {size} 上下文：多需 {more}。</translation>
    </message>
    <message>
        <source>Close other programs: it needs {ram} of RAM at {context} and {free} is free now.</source>
        <translation>请关闭其他程序：在 {context} 下需要 {ram} RAM，而当前空闲 {free}。</translation>
    </message>
    <message>
        <source>Even at its smallest ({context}, q8_0 KV cache) it needs {ram} of RAM; this computer has {total} in total. It needs a computer with more memory or a GPU that can hold it.</source>
        <translation>即使采用最小设置（{context}，q8_0 KV 缓存），它也需要 {ram} RAM；这台电脑总共只有 {total}。它需要内存更大的电脑，或能容纳它的 GPU。</translation>
    </message>
    <message>
        <source>{model} fits on this computer: {ram} of RAM and {vram} of GPU memory; {outcome}.</source>
        <translation>{model} 在这台电脑上放得下：{ram} RAM 和 {vram} GPU 显存；{outcome}。</translation>
    </message>
    <message>
        <source>{model} fits on this computer: {ram} of RAM; {outcome}.</source>
        <translation>{model} 在这台电脑上放得下：{ram} RAM；{outcome}。</translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>Runs fully on the GPU</source>
        <translation>完全在 GPU 上运行</translation>
    </message>
    <message>
        <source>Runs with part on the GPU</source>
        <translation>部分在 GPU 上运行</translation>
    </message>
    <message>
        <source>Runs on the CPU</source>
        <translation>在 CPU 上运行</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>token embedding (stays in RAM)</source>
        <translation>token 嵌入（保留在 RAM 中）</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>compute buffer</source>
        <translation>计算缓冲区</translation>
    </message>
    <message>
        <source>runtime overhead</source>
        <translation>运行时开销</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>{count}k tokens</source>
        <translation>{count}k token</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} token</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>RAM</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>{part} (GPU)</source>
        <translation>{part}（GPU）</translation>
    </message>
    <message>
        <source>{part} (RAM)</source>
        <translation>{part}（RAM）</translation>
    </message>
    <message>
        <source>{part}: {size}</source>
        <translation>{part}：{size}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{size} available</source>
        <translation>可用 {size}</translation>
    </message>
    <message>
        <source>needs {size} of RAM ({available})</source>
        <translation>需要 {size} RAM（{available}）</translation>
    </message>
    <message>
        <source>{size} free</source>
        <translation>空闲 {size}</translation>
    </message>
    <message>
        <source>needs {size} of GPU memory ({free})</source>
        <translation>需要 {size} GPU 显存（{free}）</translation>
    </message>
    <message>
        <source>expected speed: about {low}–{high} tokens/s</source>
        <translation>预计速度：约 {low}–{high} token/s</translation>
    </message>
    <message>
        <source>To make it fit or run faster:</source>
        <translation>要让它放得下或运行得更快：</translation>
    </message>
</context>
<context>
    <name>FoundTab</name>
    <message>
        <source>Use this copy</source>
        <translation>使用此副本</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>gpt-oss files other apps already downloaded (LM Studio, Ollama, the Hugging Face cache). Using one takes no extra space.</source>
        <translation>其他应用已下载的 gpt-oss 文件（LM Studio、Ollama、Hugging Face 缓存）。使用它们不占用额外空间。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Copies found on this computer</source>
        <translation>在这台电脑上找到的副本</translation>
    </message>
    <message>
        <source>{origin} — cannot be used</source>
        <translation>{origin} — 无法使用</translation>
    </message>
</context>
<context>
    <name>GGUFHeader</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>{name} is incomplete: it ends at {have} but its contents need at least {need}. The download was probably interrupted — resume or download it again.</source>
        <translation>{name} 不完整：文件在 {have} 处结束，但其内容至少需要 {need}。下载可能被中断了；请继续下载或重新下载。</translation>
    </message>
    <message>
        <source>{name} is damaged or not a valid GGUF file ({reason}). Download it again.</source>
        <translation>{name} 已损坏或不是有效的 GGUF 文件（{reason}）。请重新下载。</translation>
    </message>
    <message>
        <source>{what} claims an impossible size</source>
        <translation>{what} 声明的大小不可能成立</translation>
    </message>
    <message>
        <source>{what} is {size} long</source>
        <translation>{what} 长达 {size}</translation>
    </message>
    <message>
        <source>{what} is not UTF-8 text</source>
        <translation>{what} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>a string in an array</source>
        <translation>数组中的字符串</translation>
    </message>
    <message>
        <source>{key} is not a valid true/false value</source>
        <translation>{key} 不是有效的 true/false 值</translation>
    </message>
    <message>
        <source>its metadata text is too large</source>
        <translation>其元数据文本过大</translation>
    </message>
    <message>
        <source>{key} has unknown value type {type}</source>
        <translation>{key} 的值类型 {type} 未知</translation>
    </message>
    <message>
        <source>{key} is an array of arrays</source>
        <translation>{key} 是嵌套数组</translation>
    </message>
    <message>
        <source>{key} has unknown element type {type}</source>
        <translation>{key} 的元素类型 {type} 未知</translation>
    </message>
    <message>
        <source>its arrays hold too many strings</source>
        <translation>其数组包含的字符串过多</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes). The download probably never started or was cut off — download it again.</source>
        <translation>{name} 是空文件（0 字节）。下载可能从未开始或被中断了；请重新下载。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file (it does not start with &apos;GGUF&apos;). Hearth runs gpt-oss models in GGUF format, such as gpt-oss-20b-mxfp4.gguf.</source>
        <translation>{name} 不是 GGUF 模型文件（文件开头不是“GGUF”）。Hearth 运行 GGUF 格式的 gpt-oss 模型，例如 gpt-oss-20b-mxfp4.gguf。</translation>
    </message>
    <message>
        <source>{name} is a big-endian GGUF file, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth&apos;s catalog.</source>
        <translation>{name} 是大端序 GGUF 文件，此版本的 Hearth 无法读取（它只能读取小端序的第 2 版和第 3 版）；请使用 Hearth 模型目录中的 gpt-oss 文件。</translation>
    </message>
    <message>
        <source>{name} uses GGUF version {version}, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth&apos;s catalog.</source>
        <translation>{name} 使用 GGUF 版本 {version}，此版本的 Hearth 无法读取（它只能读取小端序的第 2 版和第 3 版）；请使用 Hearth 模型目录中的 gpt-oss 文件。</translation>
    </message>
    <message>
        <source>{name} is a folder, not a GGUF model file. Choose the .gguf file inside it.</source>
        <translation>{name} 是文件夹，不是 GGUF 模型文件。请选择其中的 .gguf 文件。</translation>
    </message>
    <message>
        <source>it claims {count} metadata entries</source>
        <translation>它声称有 {count} 个元数据条目</translation>
    </message>
    <message>
        <source>it claims {count} tensors</source>
        <translation>它声称有 {count} 个张量</translation>
    </message>
    <message>
        <source>the header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <source>a metadata key</source>
        <translation>元数据键</translation>
    </message>
    <message>
        <source>the key {key} appears twice</source>
        <translation>键 {key} 出现了两次</translation>
    </message>
    <message>
        <source>it does not say which model architecture it holds</source>
        <translation>它没有说明所含模型的架构</translation>
    </message>
    <message>
        <source>{name} is a &apos;{architecture}&apos; model, not {expected}. Hearth runs OpenAI&apos;s gpt-oss-20b and gpt-oss-120b.</source>
        <translation>{name} 是“{architecture}”模型，而不是 {expected}。Hearth 运行的是 OpenAI 的 gpt-oss-20b 和 gpt-oss-120b。</translation>
    </message>
    <message>
        <source>{name} is a &apos;{architecture}&apos; model, not {expected}.</source>
        <translation>{name} 是“{architecture}”模型，而不是 {expected}。</translation>
    </message>
    <message>
        <source>{key} is not a whole number</source>
        <translation>{key} 不是整数</translation>
    </message>
    <message>
        <source>its alignment {alignment} is not a power of two</source>
        <translation>其对齐值 {alignment} 不是 2 的幂</translation>
    </message>
    <message>
        <source>a tensor name</source>
        <translation>张量名称</translation>
    </message>
    <message>
        <source>tensor {tensor} appears twice</source>
        <translation>张量 {tensor} 出现了两次</translation>
    </message>
    <message>
        <source>tensor {tensor} has {count} dimensions</source>
        <translation>张量 {tensor} 有 {count} 个维度</translation>
    </message>
    <message>
        <source>tensor {tensor} has unknown type {type}</source>
        <translation>张量 {tensor} 的类型 {type} 未知</translation>
    </message>
    <message>
        <source>tensor {tensor} has a row that splits a block</source>
        <translation>张量 {tensor} 的行长度不是块大小的整数倍</translation>
    </message>
    <message>
        <source>tensor {tensor} is not aligned</source>
        <translation>张量 {tensor} 未对齐</translation>
    </message>
    <message>
        <source>a tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>its chat template is not text</source>
        <translation>其对话模板不是文本</translation>
    </message>
    <message>
        <source>its token list is not a list of strings</source>
        <translation>其 token 列表不是字符串列表</translation>
    </message>
</context>
<context>
    <name>Hardware</name>
    <message>
        <source>{folder} cannot be read: {error}</source>
        <translation>无法读取 {folder}：{error}</translation>
    </message>
    <message>
        <source>no GPU backend library in {folder}</source>
        <translation>{folder} 中没有 GPU 后端库</translation>
    </message>
    <message>
        <source>{files} in {folder}</source>
        <translation>{folder} 中的 {files}</translation>
    </message>
    <message>
        <source>the CUDA toolkit</source>
        <translation>CUDA 工具包</translation>
    </message>
    <message>
        <source>ROCm or the Vulkan SDK</source>
        <translation>ROCm 或 Vulkan SDK</translation>
    </message>
    <message>
        <source>Xcode&apos;s command line tools</source>
        <translation>Xcode 命令行工具</translation>
    </message>
    <message>
        <source>NVIDIA driver not found ({error}): if this computer has an NVIDIA GPU, install its driver.</source>
        <translation>未找到 NVIDIA 驱动（{error}）：如果这台电脑有 NVIDIA GPU，请安装其驱动。</translation>
    </message>
    <message>
        <source>Could not read the NVIDIA GPUs&apos; memory through NVML ({error}).</source>
        <translation>无法通过 NVML 读取 NVIDIA GPU 的显存（{error}）。</translation>
    </message>
    <message>
        <source>Hearth&apos;s llama.cpp was built for the CPU only, so your {gpu}{size} is not used. To use it, install {needs} and rebuild llama-cpp-python in Hearth&apos;s environment: {command}, then restart Hearth.</source>
        <translation>Hearth 的 llama.cpp 仅为 CPU 构建，因此你的 {gpu}{size} 未被使用。要使用它，请安装 {needs}，并在 Hearth 的环境中重新构建 llama-cpp-python：{command}，然后重启 Hearth。</translation>
    </message>
    <message>
        <source>psutil is not installed, so RAM and CPU cores are unknown; reinstall Hearth.</source>
        <translation>未安装 psutil，因此 RAM 和 CPU 核心数未知；请重新安装 Hearth。</translation>
    </message>
    <message>
        <source>Could not read RAM and CPU cores ({error}).</source>
        <translation>无法读取 RAM 和 CPU 核心数（{error}）。</translation>
    </message>
    <message>
        <source>Hearth runs in a container limited to {size} of RAM.</source>
        <translation>Hearth 运行在 RAM 上限为 {size} 的容器中。</translation>
    </message>
    <message>
        <source>Could not read the free space where models are kept ({folder}): {error}.</source>
        <translation>无法读取模型存放位置（{folder}）的可用空间：{error}。</translation>
    </message>
    <message>
        <source>Could not list the PCI devices ({error}).</source>
        <translation>无法列出 PCI 设备（{error}）。</translation>
    </message>
    <message>
        <source>Could not run nvidia-smi ({error}).</source>
        <translation>无法运行 nvidia-smi（{error}）。</translation>
    </message>
    <message>
        <source>An NVIDIA GPU is present but its memory is unknown: install its driver and nvidia-ml-py.</source>
        <translation>检测到 NVIDIA GPU，但其显存未知：请安装其驱动和 nvidia-ml-py。</translation>
    </message>
    <message>
        <source>Could not run sysctl ({error}).</source>
        <translation>无法运行 sysctl（{error}）。</translation>
    </message>
    <message>
        <source>Could not read /proc/cpuinfo ({error}).</source>
        <translation>无法读取 /proc/cpuinfo（{error}）。</translation>
    </message>
    <message>
        <source>CPU instruction sets are not probed on Windows; llama.cpp picks them itself.</source>
        <translation>在 Windows 上不检测 CPU 指令集；由 llama.cpp 自行选择。</translation>
    </message>
    <message>
        <source>Could not read AMD GPU memory from sysfs ({error}).</source>
        <translation>无法从 sysfs 读取 AMD GPU 显存（{error}）。</translation>
    </message>
    <message>
        <source>The GPU may use about {size} of the unified memory: an estimate, since macOS tells only Metal programs the exact limit.</source>
        <translation>GPU 约可使用 {size} 统一内存：这是估计值，因为 macOS 只把确切上限告诉 Metal 程序。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found; AMD and Intel GPUs are not detected on Windows yet.</source>
        <translation>未找到 NVIDIA GPU；在 Windows 上暂不检测 AMD 和 Intel GPU。</translation>
    </message>
    <message>
        <source>CUDA_VISIBLE_DEVICES hides the NVIDIA GPUs from llama.cpp; unset it to use them.</source>
        <translation>CUDA_VISIBLE_DEVICES 让 llama.cpp 看不到 NVIDIA GPU；取消设置该变量即可使用它们。</translation>
    </message>
    <message>
        <source>llama-cpp-python is not installed</source>
        <translation>未安装 llama-cpp-python</translation>
    </message>
    <message>
        <source>llama-cpp-python is not installed, so Hearth cannot run models; reinstall Hearth.</source>
        <translation>未安装 llama-cpp-python，因此 Hearth 无法运行模型；请重新安装 Hearth。</translation>
    </message>
    <message>
        <source>Could not inspect llama.cpp&apos;s libraries ({error}).</source>
        <translation>无法检查 llama.cpp 的库文件（{error}）。</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>{version} built for {backends} ({evidence})</source>
        <translation>{version}，为 {backends} 构建（{evidence}）</translation>
    </message>
    <message>
        <source>the CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>Hearth&apos;s llama.cpp was built for CUDA but no NVIDIA GPU was found; models run on the CPU.</source>
        <translation>Hearth 的 llama.cpp 为 CUDA 构建，但未找到 NVIDIA GPU；模型将在 CPU 上运行。</translation>
    </message>
</context>
<context>
    <name>HardwarePanel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新检测</translation>
    </message>
    <message>
        <source>Looking at this computer…</source>
        <translation>正在检测这台电脑…</translation>
    </message>
    <message>
        <source>{total} total, {available} available</source>
        <translation>共 {total}，可用 {available}</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation>内存（RAM）</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>交换空间</translation>
    </message>
    <message>
        <source>{size} in {folder}</source>
        <translation>{size}（位于 {folder}）</translation>
    </message>
    <message>
        <source>Free disk for models</source>
        <translation>模型可用磁盘空间</translation>
    </message>
    <message>
        <source>{cores} cores, {threads} threads</source>
        <translation>{cores} 核，{threads} 线程</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Instruction sets llama.cpp uses</source>
        <translation>llama.cpp 使用的指令集</translation>
    </message>
    <message>
        <source>Re-laid-out weights (repacking)</source>
        <translation>权重重排（repacking）</translation>
    </message>
    <message>
        <source>not checked yet: Hearth checks when it first loads a model</source>
        <translation>尚未检查：Hearth 会在首次加载模型时检查</translation>
    </message>
    <message>
        <source>GPU: {name}</source>
        <translation>GPU：{name}</translation>
    </message>
    <message>
        <source>{total} total, {free} free ({source})</source>
        <translation>共 {total}，空闲 {free}（{source}）</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>llama.cpp build</source>
        <translation>llama.cpp 构建</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>The chat history {path} is damaged or is not a Hearth history ({detail}). Hearth changed nothing in it. Move the file aside to start a new history, or put back a backup copy (a file ending in .bak beside it).</source>
        <translation>对话历史记录 {path} 已损坏，或不是 Hearth 的历史记录（{detail}）。Hearth 未对其做任何更改。请将该文件移到别处以开始新的历史记录，或放回一份备份（它旁边以 .bak 结尾的文件）。</translation>
    </message>
    <message>
        <source>The disk is full: Hearth could not {action}. Free some space on the disk that holds {path}.</source>
        <translation>磁盘已满：Hearth 无法{action}。请在 {path} 所在的磁盘上释放一些空间。</translation>
    </message>
    <message>
        <source>Hearth could not {action}: {path} or its folder is read-only or belongs to someone else.</source>
        <translation>Hearth 无法{action}：{path} 或其所在文件夹是只读的，或属于其他用户。</translation>
    </message>
    <message>
        <source>Hearth could not {action}: another program is using {path} (is Hearth already running?).</source>
        <translation>Hearth 无法{action}：另一个程序正在使用 {path}（Hearth 是否已在运行？）。</translation>
    </message>
    <message>
        <source>Hearth could not {action}: the disk reported an error reading or writing {path}.</source>
        <translation>Hearth 无法{action}：读写 {path} 时磁盘报告了错误。</translation>
    </message>
    <message>
        <source>Hearth could not {action}: {path} could not be opened (is its folder missing or read-only?).</source>
        <translation>Hearth 无法{action}：无法打开 {path}（其所在文件夹是否不存在或为只读？）。</translation>
    </message>
    <message>
        <source>open the chat history</source>
        <translation>打开对话历史记录</translation>
    </message>
    <message>
        <source>The chat history {path} was written by {writer}, which is newer than this Hearth {version} (history format {format}; this version reads up to {supported}). Nothing was changed. Update Hearth to open it.</source>
        <translation>对话历史记录 {path} 由 {writer} 写入，比当前的 Hearth {version} 更新（历史记录格式 {format}；此版本最高只能读取 {supported}）。未做任何更改。请更新 Hearth 后再打开。</translation>
    </message>
    <message>
        <source>it holds tables Hearth did not make</source>
        <translation>其中包含并非 Hearth 创建的表</translation>
    </message>
    <message>
        <source>a newer Hearth ({version})</source>
        <translation>更新版本的 Hearth（{version}）</translation>
    </message>
    <message>
        <source>a newer version of Hearth</source>
        <translation>更新版本的 Hearth</translation>
    </message>
    <message>
        <source>save the new chat</source>
        <translation>保存新对话</translation>
    </message>
    <message>
        <source>save the chat</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <source>read the chat list</source>
        <translation>读取对话列表</translation>
    </message>
    <message>
        <source>read the chat</source>
        <translation>读取对话</translation>
    </message>
    <message>
        <source>delete the chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>restore the chat</source>
        <translation>恢复对话</translation>
    </message>
    <message>
        <source>empty the bin</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <source>save the message</source>
        <translation>保存消息</translation>
    </message>
    <message>
        <source>save the reply</source>
        <translation>保存回复</translation>
    </message>
    <message>
        <source>mark unfinished replies</source>
        <translation>标记未完成的回复</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>check the history</source>
        <translation>检查历史记录</translation>
    </message>
    <message>
        <source>read the settings</source>
        <translation>读取设置</translation>
    </message>
</context>
<context>
    <name>Hub</name>
    <message>
        <source>Hearth is in offline mode, so it did not contact the Hugging Face Hub. Turn offline mode off in the settings to browse or download models.</source>
        <translation>Hearth 处于离线模式，因此没有连接 Hugging Face Hub。请在设置中关闭离线模式，以浏览或下载模型。</translation>
    </message>
    <message>
        <source>{repo} is gated or private: accept its licence on https://huggingface.co/{repo} while signed in, add a Hugging Face access token in Hearth&apos;s settings, then try again.</source>
        <translation>{repo} 是受限或私有仓库：请登录后在 https://huggingface.co/{repo} 上接受其许可协议，并在 Hearth 的设置中添加 Hugging Face 访问令牌，然后重试。</translation>
    </message>
    <message>
        <source>{file} was not found in {repo} (HTTP 404). Refresh the model list and try again.</source>
        <translation>在 {repo} 中找不到 {file}（HTTP 404）。请刷新模型列表后重试。</translation>
    </message>
    <message>
        <source>The Hugging Face Hub is limiting requests right now (HTTP {status}). Wait a few minutes and try again; nothing downloaded so far is lost.</source>
        <translation>Hugging Face Hub 目前正在限制请求（HTTP {status}）。请等几分钟后重试；已下载的内容不会丢失。</translation>
    </message>
    <message>
        <source>The Hugging Face Hub is having trouble (HTTP {status}). Try again later; the download resumes where it stopped.</source>
        <translation>Hugging Face Hub 出现故障（HTTP {status}）。请稍后重试；下载将从中断处继续。</translation>
    </message>
    <message>
        <source>The Hugging Face Hub refused to send {file} from {repo} (HTTP {status}).</source>
        <translation>Hugging Face Hub 拒绝发送 {repo} 中的 {file}（HTTP {status}）。</translation>
    </message>
    <message>
        <source>Could not reach {host}: the proxy refused the connection ({error}).</source>
        <translation>无法连接 {host}：代理拒绝了连接（{error}）。</translation>
    </message>
    <message>
        <source>Could not reach {host}: its certificate could not be verified (a proxy or antivirus that inspects HTTPS can cause this).</source>
        <translation>无法连接 {host}：无法验证其证书（检查 HTTPS 流量的代理或杀毒软件可能导致此问题）。</translation>
    </message>
    <message>
        <source>Could not reach {host}: the secure connection failed.</source>
        <translation>无法连接 {host}：安全连接失败。</translation>
    </message>
    <message>
        <source>The connection to {host} stalled: no data arrived.</source>
        <translation>与 {host} 的连接停滞：没有收到数据。</translation>
    </message>
    <message>
        <source>The connection to {host} stalled: no data arrived for {seconds} seconds.</source>
        <translation>与 {host} 的连接停滞：{seconds} 秒内没有收到数据。</translation>
    </message>
    <message>
        <source>Could not reach {host}: the connection timed out.</source>
        <translation>无法连接 {host}：连接超时。</translation>
    </message>
    <message>
        <source>Could not reach {host}: the name could not be looked up (is the computer offline?).</source>
        <translation>无法连接 {host}：无法解析域名（这台电脑是否未联网？）。</translation>
    </message>
    <message>
        <source>Could not reach {host}: the connection was refused.</source>
        <translation>无法连接 {host}：连接被拒绝。</translation>
    </message>
    <message>
        <source>The connection to {host} broke: it was closed in the middle of the transfer.</source>
        <translation>与 {host} 的连接中断：传输途中连接被关闭。</translation>
    </message>
    <message>
        <source>Could not reach {host}: {error}.</source>
        <translation>无法连接 {host}：{error}。</translation>
    </message>
    <message>
        <source>Check your connection or proxy settings; the download resumes where it stopped.</source>
        <translation>请检查网络连接或代理设置；下载将从中断处继续。</translation>
    </message>
    <message>
        <source>Check your connection or proxy settings.</source>
        <translation>请检查网络连接或代理设置。</translation>
    </message>
    <message>
        <source>The Hub&apos;s answer about {file} in {repo} was incomplete (no commit or size); try again later.</source>
        <translation>Hub 返回的关于 {repo} 中 {file} 的信息不完整（缺少提交或大小）；请稍后重试。</translation>
    </message>
    <message>
        <source>{file} in {repo} has no published SHA-256 checksum (it is not stored with Git LFS), so Hearth cannot verify it and will not download it.</source>
        <translation>{repo} 中的 {file} 没有公布 SHA-256 校验和（它未用 Git LFS 存储），因此 Hearth 无法校验它，也不会下载它。</translation>
    </message>
    <message>
        <source>the repository</source>
        <translation>该仓库</translation>
    </message>
    <message>
        <source>The repository {repo} does not exist on the Hugging Face Hub, or it is private. Check the name; if it is private, add an access token with access to it in Hearth&apos;s settings.</source>
        <translation>仓库 {repo} 在 Hugging Face Hub 上不存在，或者是私有仓库。请检查名称；如果是私有仓库，请在 Hearth 的设置中添加有权访问它的访问令牌。</translation>
    </message>
    <message>
        <source>The revision {revision} does not exist in {repo}.</source>
        <translation>{repo} 中不存在修订版本 {revision}。</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>{file} is not in {repo} at revision {revision}.</source>
        <translation>{repo} 的修订版本 {revision} 中没有 {file}。</translation>
    </message>
    <message>
        <source>The file is not in {repo} at revision {revision}.</source>
        <translation>{repo} 的修订版本 {revision} 中没有该文件。</translation>
    </message>
    <message>
        <source>{repo} is not a valid Hugging Face repository name ({error}).</source>
        <translation>{repo} 不是有效的 Hugging Face 仓库名称（{error}）。</translation>
    </message>
    <message>
        <source>the Hugging Face Hub</source>
        <translation>Hugging Face Hub</translation>
    </message>
    <message>
        <source>Could not read {repo} from the Hugging Face Hub: {error}</source>
        <translation>无法从 Hugging Face Hub 读取 {repo}：{error}</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LinkGate</name>
    <message>
        <source>Open link?</source>
        <translation>打开链接？</translation>
    </message>
    <message>
        <source>The model&apos;s answer links to this address. Open it in your browser?</source>
        <translation>模型的回答链接到此地址。要在浏览器中打开吗？</translation>
    </message>
</context>
<context>
    <name>LoadErrors</name>
    <message>
        <source>{name} is incomplete: its data ends before the model does. The download was probably interrupted — resume it or download the file again.</source>
        <translation>{name} 不完整：其数据在模型结束之前就截止了。下载可能被中断了；请继续下载或重新下载该文件。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file. Hearth runs gpt-oss models in GGUF format.</source>
        <translation>{name} 不是 GGUF 模型文件。Hearth 运行 GGUF 格式的 gpt-oss 模型。</translation>
    </message>
    <message>
        <source>{name} uses a model architecture this version of llama.cpp does not know ({detail}).</source>
        <translation>{name} 使用了此版本 llama.cpp 不认识的模型架构（{detail}）。</translation>
    </message>
    <message>
        <source>{name} is missing a setting gpt-oss needs ({detail}); it was probably made by an incompatible converter. Download the file from ggml-org or another known source.</source>
        <translation>{name} 缺少 gpt-oss 所需的设置（{detail}）；它可能是由不兼容的转换工具生成的。请从 ggml-org 或其他可靠来源下载该文件。</translation>
    </message>
    <message>
        <source>{name} does not have gpt-oss&apos;s tensor layout ({detail}). It may be damaged or a different model; download it again.</source>
        <translation>{name} 的张量结构与 gpt-oss 不符（{detail}）。它可能已损坏，或是其他模型；请重新下载。</translation>
    </message>
    <message>
        <source>There is not enough memory to load {name} ({detail}). Try a smaller context, fewer GPU layers, or close other programs.</source>
        <translation>内存不足，无法加载 {name}（{detail}）。请尝试更小的上下文、更少的 GPU 层，或关闭其他程序。</translation>
    </message>
    <message>
        <source>{name} could not be read ({detail}). Check that the file exists and that you may read it.</source>
        <translation>无法读取 {name}（{detail}）。请检查该文件是否存在，以及你是否有读取权限。</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}: {error}.</source>
        <translation>llama.cpp 无法加载 {name}：{error}。</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}.</source>
        <translation>llama.cpp 无法加载 {name}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>An app is using the model through the local API</source>
        <translation>有应用正在通过本地 API 使用模型</translation>
    </message>
    <message>
        <source>Reload model</source>
        <translation>重新加载模型</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Message gpt-oss — Enter to send, Shift+Enter for a new line</source>
        <translation>给 gpt-oss 发消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Reasoning effort for the next message in this chat</source>
        <translation>此对话中下一条消息的推理强度</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <source>Think harder</source>
        <translation>深入思考</translation>
    </message>
    <message>
        <source>Ask the last question again at high reasoning effort</source>
        <translation>以高推理强度重新提出上一个问题</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>指令…</translation>
    </message>
    <message>
        <source>Instructions for this chat (the developer message)</source>
        <translation>此对话的指令（开发者消息）</translation>
    </message>
    <message>
        <source>Tools…</source>
        <translation>工具…</translation>
    </message>
    <message>
        <source>Tools the model may use in this chat (Python, …)</source>
        <translation>模型在此对话中可以使用的工具（Python 等）</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Attach documents to this chat (or drop files on the window)</source>
        <translation>为此对话附加文档（或把文件拖到窗口上）</translation>
    </message>
    <message>
        <source>Attached documents</source>
        <translation>附加的文档</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>&amp;Reasoning:</source>
        <translation>推理强度(&amp;R)：</translation>
    </message>
    <message>
        <source>Where your messages go</source>
        <translation>您的消息发往何处</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新建对话(&amp;N)</translation>
    </message>
    <message>
        <source>Export chat as &amp;Markdown…</source>
        <translation>将对话导出为 Markdown(&amp;M)…</translation>
    </message>
    <message>
        <source>Export chat as &amp;JSON…</source>
        <translation>将对话导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>Think &amp;harder</source>
        <translation>深入思考(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Instructions…</source>
        <translation>指令(&amp;I)…</translation>
    </message>
    <message>
        <source>T&amp;ools…</source>
        <translation>工具(&amp;O)…</translation>
    </message>
    <message>
        <source>Show &amp;prompt</source>
        <translation>显示提示(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>文档(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Focus message box</source>
        <translation>聚焦消息框(&amp;F)</translation>
    </message>
    <message>
        <source>Searc&amp;h chats</source>
        <translation>搜索对话(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Local &amp;API…</source>
        <translation>本地 API(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;conversations</source>
        <translation>显示对话列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Open a gpt-oss model</source>
        <translation>打开 gpt-oss 模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>Replies come from a server elsewhere, not from this computer.</source>
        <translation>回复来自其他地方的服务器，而不是这台电脑。</translation>
    </message>
    <message>
        <source>Your messages leave this computer: they go to {where}. Models → Servers… to change.</source>
        <translation>您的消息会离开这台电脑：它们将发送到 {where}。可在“模型 → 服务器…”中更改。</translation>
    </message>
    <message>
        <source>{name} · {size} · context {tokens} tokens · on {device}</source>
        <translation>{name} · {size} · 上下文 {tokens} token · 运行于 {device}</translation>
    </message>
    <message>
        <source>{name} · {size} · context {tokens} tokens</source>
        <translation>{name} · {size} · 上下文 {tokens} token</translation>
    </message>
    <message>
        <source>Model stopped</source>
        <translation>模型已停止</translation>
    </message>
    <message>
        <source>The model stopped: {reason} Your conversation is kept.</source>
        <translation>模型已停止：{reason} 你的对话已保留。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>{title} — {app}</source>
        <translation>{title} — {app}</translation>
    </message>
    <message>
        <source>Context {used} / {total} tokens ({share}%)</source>
        <translation>上下文 {used} / {total} token（{share}%）</translation>
    </message>
    <message>
        <source>Instructions for this chat</source>
        <translation>此对话的指令</translation>
    </message>
    <message>
        <source>For example: Answer briefly. Use British spelling.</source>
        <translation>例如：回答尽量简短。使用简体中文。</translation>
    </message>
    <message>
        <source>gpt-oss reads these before every message of this chat.</source>
        <translation>gpt-oss 会在此对话的每条消息之前读取这些指令。</translation>
    </message>
    <message>
        <source>Instructions ✓</source>
        <translation>指令 ✓</translation>
    </message>
    <message>
        <source>Hearth cannot read that kind of file. It reads PDF, Word, HTML, CSV, Markdown, text and code.</source>
        <translation>Hearth 无法读取这种文件。它可以读取 PDF、Word、HTML、CSV、Markdown、文本和代码。</translation>
    </message>
    <message>
        <source>Attach documents to this chat</source>
        <translation>为此对话附加文档</translation>
    </message>
    <message>
        <source>Documents ({kinds})</source>
        <translation>文档（{kinds}）</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Send a message first: there is nothing to export yet.</source>
        <translation>请先发送一条消息：目前还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>gpt-oss seems to be repeating itself while it thinks. Stop the reply, or dismiss this to let it go on.</source>
        <translation>gpt-oss 在思考时似乎在不断重复。你可以停止回答，或关闭此提示让它继续。</translation>
    </message>
    <message>
        <source>Let it go on</source>
        <translation>让它继续</translation>
    </message>
</context>
<context>
    <name>McpDialog</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP 服务器</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>服务器日志</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Log (what the server wrote to stderr)</source>
        <translation>日志（服务器写入 stderr 的内容）</translation>
    </message>
    <message>
        <source>No MCP servers yet. Add one to give gpt-oss its tools.</source>
        <translation>还没有 MCP 服务器。添加一个，即可把它的工具提供给 gpt-oss。</translation>
    </message>
    <message>
        <source>Command: {command}</source>
        <translation>命令：{command}</translation>
    </message>
    <message>
        <source>It stopped: {reason}</source>
        <translation>它已停止：{reason}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Tools: {names}</source>
        <translation>工具：{names}</translation>
    </message>
</context>
<context>
    <name>ModelAccess</name>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>管理模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Servers…</source>
        <translation>服务器(&amp;S)…</translation>
    </message>
    <message>
        <source>Chat through a gpt-oss server on another machine</source>
        <translation>通过另一台机器上的 gpt-oss 服务器聊天</translation>
    </message>
    <message>
        <source>&amp;Offline mode</source>
        <translation>离线模式(&amp;O)</translation>
    </message>
    <message>
        <source>Hearth opens no network connection at all</source>
        <translation>Hearth 完全不建立任何网络连接</translation>
    </message>
    <message>
        <source>{file} was not loaded: {reason}</source>
        <translation>未加载 {file}：{reason}</translation>
    </message>
    <message>
        <source>This model does not fit</source>
        <translation>此模型超出可用内存</translation>
    </message>
    <message>
        <source>{file} needs more memory than this computer has free.</source>
        <translation>{file} 需要的内存超过这台电脑的可用内存。</translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation>仍然加载</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Not in the catalog</source>
        <translation>不在模型目录中</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>{size} · {variant}</source>
        <translation>{size} · {variant}</translation>
    </message>
    <message>
        <source>Will it run here? Checking…</source>
        <translation>能在本机运行吗？正在检查…</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Offline mode is on</source>
        <translation>离线模式已开启</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>It is Ollama&apos;s own gpt-oss format (&apos;gptoss&apos;), which llama.cpp cannot load.</source>
        <translation>这是 Ollama 自有的 gpt-oss 格式（“gptoss”），llama.cpp 无法加载。</translation>
    </message>
    <message>
        <source>{file} is split into parts and part {part} is missing.</source>
        <translation>{file} 被拆分为多个分卷，缺少分卷 {part}。</translation>
    </message>
    <message>
        <source>{file} is part {index} of {count} of a split model. Choose the first part, {first}; Hearth brings in the other parts with it.</source>
        <translation>{file} 是分卷模型 {count} 个分卷中的第 {index} 个。请选择第一个分卷 {first}；Hearth 会连同其他分卷一起导入。</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 及另外 {count} 个</translation>
    </message>
    <message>
        <source>{file} is the first of {count} parts, but {missing} is not in {folder}. Put every part in the same folder (or finish downloading them) and try again.</source>
        <translation>{file} 是 {count} 个分卷中的第一个，但 {folder} 中没有 {missing}。请把所有分卷放在同一文件夹中（或先完成它们的下载），然后重试。</translation>
    </message>
    <message>
        <source>{file} is the first of {count} parts, but {missing} are not in {folder}. Put every part in the same folder (or finish downloading them) and try again.</source>
        <translation>{file} 是 {count} 个分卷中的第一个，但 {folder} 中没有 {missing}。请把所有分卷放在同一文件夹中（或先完成它们的下载），然后重试。</translation>
    </message>
    <message>
        <source>Copying {file} gave {copied} instead of {expected}; the original may be changing (is another app still downloading it?). Try again later.</source>
        <translation>复制 {file} 得到的是 {copied}，而不是 {expected}；原文件可能仍在变化（是否有其他应用仍在下载它？）。请稍后重试。</translation>
    </message>
    <message>
        <source>The disk holding {folder} filled up while copying {file} ({size}). Free some space and try again.</source>
        <translation>复制 {file}（{size}）时，{folder} 所在的磁盘已满。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>{folder} already has a file named {file}. Move it out of the way or choose another folder.</source>
        <translation>{folder} 中已有名为 {file} 的文件。请将其移走，或选择其他文件夹。</translation>
    </message>
    <message>
        <source>Choose a folder that is neither {folder} nor inside it or around it.</source>
        <translation>请选择其他文件夹：不能是 {folder} 本身，也不能位于其中或包含它。</translation>
    </message>
    <message>
        <source>Moving the models needs {needed} free in {folder}, but only {free} is free. Free {to_free} there or choose another drive.</source>
        <translation>移动模型需要 {folder} 中有 {needed} 可用空间，但只有 {free}。请在那里释放 {to_free}，或选择其他磁盘。</translation>
    </message>
    <message>
        <source>{repo} is not a repository name of the form owner/name.</source>
        <translation>{repo} 不是“所有者/名称”形式的仓库名称。</translation>
    </message>
    <message>
        <source>{path} is an absolute path; expected a path inside the repository.</source>
        <translation>{path} 是绝对路径；此处需要仓库内的路径。</translation>
    </message>
    <message>
        <source>{repo}/{path} has an unsafe part {part}; refusing to write it.</source>
        <translation>{repo}/{path} 含有不安全的部分 {part}；拒绝写入。</translation>
    </message>
    <message>
        <source>{file} says the model has {declared} parts, but its name says {count}. The files may have been renamed; download the model again.</source>
        <translation>{file} 声明模型有 {declared} 个分卷，但其文件名表明有 {count} 个。文件可能被重命名过；请重新下载该模型。</translation>
    </message>
    <message>
        <source>{file} (part {index} of {count}) is not a GGUF file. It may be damaged or incomplete — download that part again.</source>
        <translation>{file}（{count} 个分卷中的第 {index} 个）不是 GGUF 文件。它可能已损坏或不完整；请重新下载该分卷。</translation>
    </message>
    <message>
        <source>Copying needs {needed} free in {folder}, but only {free} is free. Free {to_free} or link or use the file where it is instead.</source>
        <translation>复制需要 {folder} 中有 {needed} 可用空间，但只有 {free}。请释放 {to_free}，或改为链接或原位使用该文件。</translation>
    </message>
    <message>
        <source>Used where it is: the file system could not hard-link it into Hearth&apos;s models folder (it is probably on another drive), and copying would take another {size}. If the other app deletes or moves it, Hearth will show the model as missing.</source>
        <translation>已原位使用：文件系统无法将它硬链接到 Hearth 的模型文件夹（它可能在另一个磁盘上），而复制又会再占用 {size}。如果其他应用删除或移动了它，Hearth 会将该模型显示为缺失。</translation>
    </message>
    <message>
        <source>Could not link {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.</source>
        <translation>无法将 {file} 链接到 {folder}：{error}。请确认该文件夹可写且有足够空间，然后重试。</translation>
    </message>
    <message>
        <source>Could not copy {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.</source>
        <translation>无法将 {file} 复制到 {folder}：{error}。请确认该文件夹可写且有足够空间，然后重试。</translation>
    </message>
    <message>
        <source>Intact: its contents match the published sha256 (checked {when}).</source>
        <translation>完好：其内容与公布的 sha256 一致（检查于 {when}）。</translation>
    </message>
    <message>
        <source>Damaged: its contents do not match the expected sha256. Download it again.</source>
        <translation>已损坏：其内容与预期的 sha256 不一致。请重新下载。</translation>
    </message>
    <message>
        <source>Missing: {file} is no longer there. Put it back or remove the model.</source>
        <translation>缺失：{file} 已不在原处。请将其放回，或移除该模型。</translation>
    </message>
    <message>
        <source>Not verified: no published checksum was known, so Hearth recorded the file&apos;s sha256 when it checked it; later checks can tell whether the file has changed.</source>
        <translation>未校验：没有已知的公布校验和，因此 Hearth 在检查时记录了该文件的 sha256；之后的检查可以判断文件是否发生了变化。</translation>
    </message>
    <message>
        <source>Not verified yet: check it to compare its contents with the expected sha256.</source>
        <translation>尚未校验：检查它即可将其内容与预期的 sha256 比对。</translation>
    </message>
    <message>
        <source>No installed model is called {name}; it may have been removed already.</source>
        <translation>没有名为 {name} 的已安装模型；它可能已被移除。</translation>
    </message>
    <message>
        <source>{file} is not in Hearth&apos;s models folder ({folder}), so Hearth did not delete it. Move it back into that folder, or delete it yourself and then remove the model from the list.</source>
        <translation>{file} 不在 Hearth 的模型文件夹（{folder}）中，因此 Hearth 没有删除它。请将其移回该文件夹，或自行删除它，然后从列表中移除该模型。</translation>
    </message>
    <message>
        <source>Could not delete {files}. If the model is loaded or another program has it open, close it and try again.</source>
        <translation>无法删除 {files}。如果该模型已加载或被其他程序打开，请先关闭后重试。</translation>
    </message>
    <message>
        <source>Could not read {name}: {error}.</source>
        <translation>无法读取 {name}：{error}。</translation>
    </message>
    <message>
        <source>{file} is already installed as {name}.</source>
        <translation>{file} 已作为 {name} 安装。</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Checksum mismatch</source>
        <translation>校验和不匹配</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Get models</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Found on this computer</source>
        <translation>在本机找到</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>清理</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>Offline mode: Hearth opens no network connections</source>
        <translation>离线模式：Hearth 不建立任何网络连接</translation>
    </message>
    <message>
        <source>Models to download</source>
        <translation>可下载的模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Runs here?</source>
        <translation>本机可运行？</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Refresh sizes and checksums from Hugging Face</source>
        <translation>从 Hugging Face 刷新大小和校验和</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>owner/repository, e.g. ggml-org/gpt-oss-20b-GGUF</source>
        <translation>所有者/仓库，例如 ggml-org/gpt-oss-20b-GGUF</translation>
    </message>
    <message>
        <source>GGUF file</source>
        <translation>GGUF 文件</translation>
    </message>
    <message>
        <source>file.gguf (for a split model, its first part)</source>
        <translation>file.gguf（分卷模型请填第一个分卷）</translation>
    </message>
    <message>
        <source>Add and download</source>
        <translation>添加并下载</translation>
    </message>
    <message>
        <source>Every layout of each model:</source>
        <translation>每个模型的所有量化格式：</translation>
    </message>
    <message>
        <source>Add any model from Hugging Face by name:</source>
        <translation>按名称从 Hugging Face 添加任意模型：</translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation>你添加的</translation>
    </message>
    <message>
        <source>Models you added from Hugging Face by name.</source>
        <translation>你按名称从 Hugging Face 添加的模型。</translation>
    </message>
    <message>
        <source>★ recommended</source>
        <translation>★ 推荐</translation>
    </message>
    <message>
        <source>from Hub</source>
        <translation>来自 Hub</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Choose a variant to see its layout and size.</source>
        <translation>选择一个版本以查看其量化格式和大小。</translation>
    </message>
    <message>
        <source>Hearth knows the memory needs of gpt-oss-20b and -120b only.</source>
        <translation>Hearth 只知道 gpt-oss-20b 和 gpt-oss-120b 的内存需求。</translation>
    </message>
    <message>
        <source>Its checksum is read from the Hub before downloading.</source>
        <translation>下载前会从 Hub 读取其校验和。</translation>
    </message>
    <message>
        <source>Meant as a source for quantizing, not for chatting.</source>
        <translation>用作量化的源文件，不用于对话。</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Re-verify</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>导入 GGUF 文件…</translation>
    </message>
    <message>
        <source>Quantize…</source>
        <translation>量化…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>({count} files)</source>
        <translation>（{count} 个文件）</translation>
    </message>
    <message>
        <source>Models folder: {folder}</source>
        <translation>模型文件夹：{folder}</translation>
    </message>
    <message>
        <source>Reading the model&apos;s header…</source>
        <translation>正在读取模型文件头…</translation>
    </message>
    <message>
        <source>{model} does not match its checksum; delete it and download it again.</source>
        <translation>{model} 与其校验和不匹配；请删除后重新下载。</translation>
    </message>
    <message>
        <source>Delete {model}? This frees about {size} on disk.</source>
        <translation>删除 {model}？这将释放约 {size} 磁盘空间。</translation>
    </message>
    <message>
        <source>Forget {model}? Its file belongs to another app and stays where it is.</source>
        <translation>从 Hearth 中移除 {model}？其文件属于其他应用，将保留在原处。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Import a gpt-oss model</source>
        <translation>导入 gpt-oss 模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>Use the file where it is, or make Hearth&apos;s own copy?</source>
        <translation>直接使用原位置的文件，还是为 Hearth 复制一份？</translation>
    </message>
    <message>
        <source>Using it in place takes no extra space (a hard link when the file is on the same disk). A copy takes the file&apos;s full size again.</source>
        <translation>原位使用不占用额外空间（文件在同一磁盘上时使用硬链接）。复制则会再占用与该文件同样大小的空间。</translation>
    </message>
    <message>
        <source>Use in place</source>
        <translation>原位使用</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Keep models in</source>
        <translation>模型存放位置</translation>
    </message>
    <message>
        <source>Offline mode is on</source>
        <translation>离线模式已开启</translation>
    </message>
</context>
<context>
    <name>ModelService</name>
    <message>
        <source>Offline mode is on, so the catalog was not refreshed.</source>
        <translation>离线模式已开启，因此未刷新模型目录。</translation>
    </message>
    <message>
        <source>Could not save what the Hub said: {error}</source>
        <translation>无法保存 Hub 返回的信息：{error}</translation>
    </message>
    <message>
        <source>Refreshed {refreshed} of {total} variants from Hugging Face.</source>
        <translation>已从 Hugging Face 刷新 {total} 个版本中的 {refreshed} 个。</translation>
    </message>
    <message>
        <source>The models folder is being moved; download when it is done.</source>
        <translation>模型文件夹正在移动；请在完成后再下载。</translation>
    </message>
    <message>
        <source>{task} failed ({error}).</source>
        <translation>{task} 失败（{error}）。</translation>
    </message>
    <message>
        <source>{model} matches its checksum.</source>
        <translation>{model} 与其校验和一致。</translation>
    </message>
    <message>
        <source>{model} does NOT match its checksum: delete it and download it again.</source>
        <translation>{model} 与其校验和不一致：请删除后重新下载。</translation>
    </message>
    <message>
        <source>{model} is missing from disk.</source>
        <translation>磁盘上找不到 {model}。</translation>
    </message>
    <message>
        <source>{model} was hashed; no published checksum to compare with.</source>
        <translation>已计算 {model} 的哈希值；没有公布的校验和可供比对。</translation>
    </message>
    <message>
        <source>Checking {model}</source>
        <translation>检查 {model}</translation>
    </message>
    <message>
        <source>Removed {model}; {size} freed.</source>
        <translation>已移除 {model}；释放了 {size}。</translation>
    </message>
    <message>
        <source>Removed {model}; {size} freed (the file belongs to another app and was left in place).</source>
        <translation>已移除 {model}；释放了 {size}（该文件属于其他应用，已保留在原处）。</translation>
    </message>
    <message>
        <source>Finish or cancel the downloads in the list and wait for other model tasks, then move the models folder.</source>
        <translation>请先完成或取消列表中的下载，并等待其他模型任务结束，然后再移动模型文件夹。</translation>
    </message>
    <message>
        <source>Models are now kept in {folder}.</source>
        <translation>模型现在存放在 {folder}。</translation>
    </message>
    <message>
        <source>Moving models</source>
        <translation>移动模型</translation>
    </message>
    <message>
        <source>{file} is already being imported.</source>
        <translation>{file} 已在导入中。</translation>
    </message>
    <message>
        <source>The models folder is being moved; import when it is done.</source>
        <translation>模型文件夹正在移动；请在完成后再导入。</translation>
    </message>
    <message>
        <source>{model} does not match the checksum {source} recorded for it, so it will not be loaded. Download a fresh copy instead.</source>
        <translation>{model} 与 {source} 为其记录的校验和不匹配，因此不会加载。请改为下载一份新的副本。</translation>
    </message>
    <message>
        <source>{model} is ready to use.</source>
        <translation>{model} 已可使用。</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>{model} is already being quantized to {layout}.</source>
        <translation>{model} 已在量化为 {layout}。</translation>
    </message>
    <message>
        <source>{model} is ready ({size}).</source>
        <translation>{model} 已就绪（{size}）。</translation>
    </message>
    <message>
        <source>Quantizing {model} to {layout}</source>
        <translation>将 {model} 量化为 {layout}</translation>
    </message>
    <message>
        <source>Cleaned up {size}.</source>
        <translation>已清理 {size}。</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source>System (effort, date, built-in tools)</source>
        <translation>系统（推理强度、日期、内置工具）</translation>
    </message>
    <message>
        <source>Developer (instructions, function tools)</source>
        <translation>开发者（指令、函数工具）</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>Reasoning kept (an open tool call)</source>
        <translation>保留的推理（未完成的工具调用）</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>工具结果</translation>
    </message>
    <message>
        <source>Earlier answer</source>
        <translation>之前的回答</translation>
    </message>
    <message>
        <source>Start of the reply</source>
        <translation>回答的开头</translation>
    </message>
    <message>
        <source>The prompt gpt-oss was sent</source>
        <translation>发送给 gpt-oss 的提示</translation>
    </message>
    <message>
        <source>The last request in this chat, exactly as the model read it.</source>
        <translation>此对话中的最后一次请求，与模型读到的完全一致。</translation>
    </message>
    <message>
        <source>Nothing was sent in this chat yet: this is what your next message would be sent with.</source>
        <translation>此对话中尚未发送任何内容：这是你下一条消息将附带发送的内容。</translation>
    </message>
    <message>
        <source>Parts of the prompt</source>
        <translation>提示的各个部分</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Begins with</source>
        <translation>开头</translation>
    </message>
    <message>
        <source>The whole prompt</source>
        <translation>完整提示</translation>
    </message>
    <message>
        <source>{chars} characters; counting tokens…</source>
        <translation>{chars} 个字符；正在统计词元…</translation>
    </message>
    <message>
        <source>Open a model to count the tokens.</source>
        <translation>打开一个模型以统计词元。</translation>
    </message>
    <message>
        <source>{tokens} tokens in all</source>
        <translation>共 {tokens} 个词元</translation>
    </message>
</context>
<context>
    <name>QuantPlan</name>
    <message>
        <source>The tensor {tensor} has rows of {values} values, which {type} cannot store (it needs multiples of {block}); llama.cpp cannot quantize this model to {target}.</source>
        <translation>张量 {tensor} 每行有 {values} 个值，{type} 无法存储（需要是 {block} 的倍数）；llama.cpp 无法将此模型量化为 {target}。</translation>
    </message>
    <message>
        <source>The tensor {tensor} holds {source_type} values, which llama.cpp cannot convert to {type}.</source>
        <translation>张量 {tensor} 存储的是 {source_type} 值，llama.cpp 无法将其转换为 {type}。</translation>
    </message>
    <message>
        <source>{name} is already in the {target} layout; quantizing it again would only make an identical copy.</source>
        <translation>{name} 已是 {target} 量化格式；再次量化只会得到一份相同的副本。</translation>
    </message>
    <message>
        <source>{name} is already quantized ({types}), and llama.cpp refuses to quantize such tensors again (each round loses quality; it would need allow_requantize). Quantize the F16 or BF16 original to {target} instead.</source>
        <translation>{name} 已经量化过（{types}），llama.cpp 拒绝再次量化这类张量（每量化一轮都会损失质量；需要 allow_requantize 才行）。请改为将 F16 或 BF16 原始文件量化为 {target}。</translation>
    </message>
    <message>
        <source>{current} now, about {predicted} as {target}</source>
        <translation>当前 {current}，量化为 {target} 后约 {predicted}</translation>
    </message>
    <message>
        <source>The experts in {name} ({share}% of its weights) are already MXFP4, so quantizing only converts the rest</source>
        <translation>{name} 的专家层（占其权重的 {share}%）已是 MXFP4，因此量化只会转换其余部分</translation>
    </message>
    <message>
        <source>Quantizing {name} converts {changed} of its {total} tensors</source>
        <translation>量化 {name} 会转换其 {total} 个张量中的 {changed} 个</translation>
    </message>
    <message>
        <source>{lead}: {sizes} — saving little, so it is hardly worth it.</source>
        <translation>{lead}：{sizes}，节省很少，几乎不值得。</translation>
    </message>
    <message>
        <source>{lead}: {sizes} — a larger file, so it is hardly worth it.</source>
        <translation>{lead}：{sizes}，文件反而更大，几乎不值得。</translation>
    </message>
    <message>
        <source>{lead}: {sizes}, saving {saved} ({percent}%).</source>
        <translation>{lead}：{sizes}，节省 {saved}（{percent}%）。</translation>
    </message>
</context>
<context>
    <name>Quantize</name>
    <message>
        <source>{file} already holds {type} tensors, and llama.cpp will not quantize them again. Quantize the F16 or BF16 original to {target} instead.</source>
        <translation>{file} 已包含 {type} 张量，llama.cpp 不会再次量化它们。请改为将 F16 或 BF16 原始文件量化为 {target}。</translation>
    </message>
    <message>
        <source>{file} has a tensor whose rows {target} cannot store, so llama.cpp cannot quantize it.</source>
        <translation>{file} 中有张量的行无法以 {target} 存储，因此 llama.cpp 无法量化它。</translation>
    </message>
    <message>
        <source>Writing {file} failed: the disk may be full or the folder read-only. Free up space or choose another folder.</source>
        <translation>写入 {file} 失败：磁盘可能已满，或文件夹为只读。请释放空间或选择其他文件夹。</translation>
    </message>
    <message>
        <source>llama.cpp stopped on an internal error while quantizing {file} ({detail}).</source>
        <translation>量化 {file} 时 llama.cpp 因内部错误而停止（{detail}）。</translation>
    </message>
    <message>
        <source>llama.cpp could not quantize {file}.</source>
        <translation>llama.cpp 无法量化 {file}。</translation>
    </message>
    <message>
        <source>{reason} (The quantizer exited with code {code}.)</source>
        <translation>{reason}（量化程序的退出代码为 {code}。）</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <source>The quantizer was killed ({signal}), most often because the computer ran out of memory. Close other programs and try again.</source>
        <translation>量化程序被终止（{signal}），最常见的原因是电脑内存不足。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The quantizer crashed ({signal}) while quantizing {file} on an internal check ({detail}); the file may be damaged or made by an incompatible converter.</source>
        <translation>量化 {file} 时，量化程序在一项内部检查（{detail}）中崩溃（{signal}）；该文件可能已损坏，或由不兼容的转换工具生成。</translation>
    </message>
    <message>
        <source>The quantizer crashed ({signal}) while quantizing {file}.</source>
        <translation>量化 {file} 时量化程序崩溃（{signal}）。</translation>
    </message>
    <message>
        <source>{file} could not be read ({error}). Check that the file exists and that you may read it.</source>
        <translation>无法读取 {file}（{error}）。请检查该文件是否存在，以及你是否有读取权限。</translation>
    </message>
    <message>
        <source>{file} is one part of a model split into {count} files; Hearth can only quantize single-file models.</source>
        <translation>{file} 是拆分为 {count} 个文件的模型中的一部分；Hearth 只能量化单文件模型。</translation>
    </message>
    <message>
        <source>Choose a different name for the quantized file: it would replace its source.</source>
        <translation>请为量化后的文件换一个名称：否则它会覆盖源文件。</translation>
    </message>
    <message>
        <source>{file} already exists in {folder}; choose another name.</source>
        <translation>{folder} 中已存在 {file}；请换一个名称。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be used ({error}).</source>
        <translation>无法使用文件夹 {folder}（{error}）。</translation>
    </message>
    <message>
        <source>Quantizing {file} needs about {needed} free in {folder} ({file_size} for the file, plus {margin} to spare), but only {free} is free. Free up space or choose another folder.</source>
        <translation>量化 {file} 需要 {folder} 中约有 {needed} 可用空间（文件本身 {file_size}，另加 {margin} 余量），但只有 {free}。请释放空间或选择其他文件夹。</translation>
    </message>
    <message>
        <source>The quantized file failed its check, so it was deleted: {error}</source>
        <translation>量化后的文件未通过检查，已被删除：{error}</translation>
    </message>
    <message>
        <source>llama.cpp wrote {file_type} instead of {target}; the file was deleted.</source>
        <translation>llama.cpp 写出的是 {file_type} 而不是 {target}；该文件已被删除。</translation>
    </message>
</context>
<context>
    <name>QuantizeDialog</name>
    <message>
        <source>MXFP4_MOE — the official gpt-oss layout (experts MXFP4, the rest Q8_0)</source>
        <translation>MXFP4_MOE — gpt-oss 官方格式（专家层 MXFP4，其余 Q8_0）</translation>
    </message>
    <message>
        <source>Q8_0 — every weight 8-bit</source>
        <translation>Q8_0 — 所有权重均为 8 位</translation>
    </message>
    <message>
        <source>Quantize {model}</source>
        <translation>量化 {model}</translation>
    </message>
    <message>
        <source>Reading the model&apos;s header…</source>
        <translation>正在读取模型文件头…</translation>
    </message>
    <message>
        <source>gpt-oss&apos;s experts, about 95 % of its bytes, were released in MXFP4 already, so quantizing a file that has them in MXFP4 gains almost nothing. Quantizing helps for a full-precision file such as a fine-tune.</source>
        <translation>gpt-oss 的专家层约占其字节数的 95%，发布时已是 MXFP4 格式，因此对专家层已为 MXFP4 的文件进行量化几乎没有收益。量化适用于全精度文件，例如微调模型。</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Layout of the new file:</source>
        <translation>新文件的量化格式：</translation>
    </message>
    <message>
        <source>{advice}

The new file: {path}</source>
        <translation>{advice}

新文件：{path}</translation>
    </message>
</context>
<context>
    <name>Rate</name>
    <message>
        <source>stalled</source>
        <translation>已停滞</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>剩余 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>剩余约 {minutes} 分钟</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min left</source>
        <translation>剩余约 {hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>about {days} days left</source>
        <translation>剩余约 {days} 天</translation>
    </message>
</context>
<context>
    <name>RemoteService</name>
    <message>
        <source>Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server.</source>
        <translation>离线模式已开启：Hearth 不建立任何连接。要使用服务器，请在“模型”中关闭离线模式。</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <source>Hearth writes the harmony prompt itself (raw completions): reasoning rules, effort and tools exactly as on this computer.</source>
        <translation>由 Hearth 自己编写 harmony 提示（原始补全）：推理规则、推理强度和工具与在这台电脑上完全相同。</translation>
    </message>
    <message>
        <source>Through the server&apos;s chat completions, with reasoning effort; the server applies the chat format.</source>
        <translation>通过服务器的聊天补全接口，并带上推理强度；由服务器应用聊天格式。</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Chat with a gpt-oss model that runs on another machine you control: vLLM, llama.cpp&apos;s llama-server, Ollama or LM Studio. Your messages are sent to that server.</source>
        <translation>与运行在您掌控的另一台机器上的 gpt-oss 模型聊天：vLLM、llama.cpp 的 llama-server、Ollama 或 LM Studio。您的消息会发送到该服务器。</translation>
    </message>
    <message>
        <source>Servers you added</source>
        <translation>您添加的服务器</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>only if the server asks for one</source>
        <translation>仅在服务器要求时填写</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Model on the server</source>
        <translation>服务器上的模型</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>信任此证书</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>使用此服务器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Use this computer</source>
        <translation>使用这台电脑</translation>
    </message>
    <message>
        <source>Go back to the model on this computer</source>
        <translation>回到这台电脑上的模型</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>kept in the keyring</source>
        <translation>已保存在密钥环中</translation>
    </message>
    <message>
        <source>Type the server&apos;s address first, e.g. http://192.168.1.20:8000</source>
        <translation>请先输入服务器地址，例如 http://192.168.1.20:8000</translation>
    </message>
    <message>
        <source>Asking {url}…</source>
        <translation>正在询问 {url}…</translation>
    </message>
    <message>
        <source>Trust this certificate (SHA-256 {fingerprint})</source>
        <translation>信任此证书（SHA-256 {fingerprint}）</translation>
    </message>
    <message>
        <source>{kind} at {host} answers, but serves no model.</source>
        <translation>{host} 上的 {kind} 有响应，但没有提供任何模型。</translation>
    </message>
    <message>
        <source>{kind} at {host}: {count} model(s). {how}</source>
        <translation>{host} 上的 {kind}：{count} 个模型。{how}</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep the API key in, so Hearth remembers it only until it quits.</source>
        <translation>这台电脑没有可保存 API 密钥的密钥环，因此 Hearth 只会记住它直到退出。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server.</source>
        <translation>离线模式已开启：Hearth 不建立任何连接。要使用服务器，请在“模型”中关闭离线模式。</translation>
    </message>
    <message>
        <source>{file} does not match its published checksum, so Hearth will not load it. Delete it in Models and download it again.</source>
        <translation>{file} 与公布的校验和不匹配，因此 Hearth 不会加载它。请在“模型”中删除它并重新下载。</translation>
    </message>
    <message>
        <source>Offline mode is on, so the server is not used: open a model on this computer, or turn offline mode off.</source>
        <translation>离线模式已开启，因此不使用服务器：请在这台电脑上打开一个模型，或关闭离线模式。</translation>
    </message>
    <message>
        <source>Offline mode is on: Hearth makes no network connections.</source>
        <translation>离线模式已开启：Hearth 不建立任何网络连接。</translation>
    </message>
    <message>
        <source>Offline mode is off: Hearth connects only when you download a model.</source>
        <translation>离线模式已关闭：Hearth 仅在你下载模型时联网。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>新建对话</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search all chats (Ctrl+F)</source>
        <translation>搜索所有对话（Ctrl+F）</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>No messages contain “{query}”</source>
        <translation>没有消息包含“{query}”</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>{title}
{who}: {snippet}</source>
        <translation>{title}
{who}：{snippet}</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>已删除“{title}”</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>{file}, page {page}</source>
        <translation>{file}，第 {page} 页</translation>
    </message>
    <message>
        <source>The cited passage</source>
        <translation>引用的段落</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
</context>
<context>
    <name>ToolCallCard</name>
    <message>
        <source>Waiting for your answer</source>
        <translation>等待你的回答</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Arguments of the tool call</source>
        <translation>工具调用的参数</translation>
    </message>
    <message>
        <source>Run this on your computer?</source>
        <translation>要在你的电脑上运行吗？</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>允许一次</translation>
    </message>
    <message>
        <source>Always for this chat</source>
        <translation>在此对话中始终允许</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Result of the tool call</source>
        <translation>工具调用的结果</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Your documents</source>
        <translation>你的文档</translation>
    </message>
    <message>
        <source>Searches and reads the documents attached to this chat, on this computer.</source>
        <translation>在这台电脑上搜索并读取附加到此对话的文档。</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Runs Python code the model writes, on this computer, in a separate process with no network, a time and memory limit, and its own scratch folder for this chat.</source>
        <translation>在这台电脑上运行模型编写的 Python 代码：在独立进程中运行，无网络，有时间和内存限制，并为此对话提供单独的临时文件夹。</translation>
    </message>
    <message>
        <source>The schema is not valid JSON: {reason}</source>
        <translation>该架构不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>A JSON schema is an object, such as {example}.</source>
        <translation>JSON 架构是一个对象，例如 {example}。</translation>
    </message>
    <message>
        <source>[… {count} characters of output left out …]</source>
        <translation>[… 省略了 {count} 个字符的输出 …]</translation>
    </message>
    <message>
        <source>Python could not be started: {reason}</source>
        <translation>无法启动 Python：{reason}</translation>
    </message>
    <message>
        <source>Python&apos;s sandbox did not start.</source>
        <translation>Python 沙盒未能启动。</translation>
    </message>
    <message>
        <source>Python&apos;s sandbox did not start in time.</source>
        <translation>Python 沙盒未能及时启动。</translation>
    </message>
    <message>
        <source>The code ran for more than {seconds} s and was stopped; Python&apos;s state was reset.</source>
        <translation>代码运行超过 {seconds} 秒，已被停止；Python 的状态已重置。</translation>
    </message>
    <message>
        <source>Python stopped ({why}), probably at its memory or time limit; its state was reset.</source>
        <translation>Python 已停止（{why}），可能达到了内存或时间限制；其状态已重置。</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>退出代码 {code}</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>On Linux Hearth cuts Python off the network and from your files (Landlock), where the kernel allows it; it checks the first time Python runs.</source>
        <translation>在 Linux 上，只要内核允许，Hearth 会让 Python 无法访问网络和你的文件（Landlock）；首次运行 Python 时会进行检查。</translation>
    </message>
    <message>
        <source>no network (its own empty network namespace)</source>
        <translation>无网络（独立的空网络命名空间）</translation>
    </message>
    <message>
        <source>no access to your files except this chat&apos;s scratch folder (Landlock)</source>
        <translation>除此对话的临时文件夹外，无法访问你的文件（Landlock）</translation>
    </message>
    <message>
        <source>limits on memory, CPU time and file size</source>
        <translation>内存、CPU 时间和文件大小的限制</translation>
    </message>
    <message>
        <source>On this computer Python runs with: {list}.</source>
        <translation>在这台电脑上，Python 运行时具备：{list}。</translation>
    </message>
    <message>
        <source>Warning: the kernel did not allow all of it ({problems}); code the model writes could reach what Hearth could not close off.</source>
        <translation>警告：内核未允许全部限制（{problems}）；模型编写的代码可能会访问 Hearth 无法隔离的内容。</translation>
    </message>
    <message>
        <source>Warning: on this system Python runs as a separate process with time and memory limits only; code the model writes can read your files and use the network. Allow only calls you have read.</source>
        <translation>警告：在此系统上，Python 仅作为带有时间和内存限制的独立进程运行；模型编写的代码可以读取你的文件并使用网络。请只允许你已阅读过的调用。</translation>
    </message>
    <message>
        <source>Python&apos;s state for this chat was reset.</source>
        <translation>此对话的 Python 状态已重置。</translation>
    </message>
    <message>
        <source>This is not valid JSON: {reason}</source>
        <translation>这不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>Expected {example}.</source>
        <translation>应为 {example}。</translation>
    </message>
    <message>
        <source>Server {name}: its settings must be an object.</source>
        <translation>服务器 {name}：其设置必须是一个对象。</translation>
    </message>
    <message>
        <source>Server {name} is a remote (URL) server; Hearth runs local (command) servers only.</source>
        <translation>服务器 {name} 是远程（URL）服务器；Hearth 只运行本地（命令）服务器。</translation>
    </message>
    <message>
        <source>Server {name} has no command.</source>
        <translation>服务器 {name} 没有命令。</translation>
    </message>
    <message>
        <source>Server {name}: args must be a list and env an object.</source>
        <translation>服务器 {name}：args 必须是列表，env 必须是对象。</translation>
    </message>
    <message>
        <source>It did not answer within {seconds} s.</source>
        <translation>它未在 {seconds} 秒内回答。</translation>
    </message>
    <message>
        <source>it is not running</source>
        <translation>它没有运行</translation>
    </message>
    <message>
        <source>the command was not found: {name}</source>
        <translation>找不到命令：{name}</translation>
    </message>
</context>
<context>
    <name>ToolsDialog</name>
    <message>
        <source>Tools for this chat</source>
        <translation>此对话的工具</translation>
    </message>
    <message>
        <source>gpt-oss can call these tools while it answers. Hearth shows every call and asks before running one that needs your permission.</source>
        <translation>gpt-oss 在回答时可以调用这些工具。Hearth 会显示每次调用，并在运行需要你许可的调用之前询问你。</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>MCP 服务器…</translation>
    </message>
    <message>
        <source>Add the tools of MCP servers (the same configuration other apps use)</source>
        <translation>添加 MCP 服务器的工具（与其他应用使用相同的配置）</translation>
    </message>
    <message>
        <source>Attach a folder…</source>
        <translation>附加文件夹…</translation>
    </message>
    <message>
        <source>Let this chat&apos;s Python read and write a folder of yours</source>
        <translation>允许此对话的 Python 读写你的一个文件夹</translation>
    </message>
    <message>
        <source>Detach all</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>Thinking limit in tokens</source>
        <translation>思考上限（词元）</translation>
    </message>
    <message>
        <source>Reply limit in tokens</source>
        <translation>回答上限（词元）</translation>
    </message>
    <message>
        <source>default for this effort ({tokens})</source>
        <translation>此推理强度的默认值（{tokens}）</translation>
    </message>
    <message>
        <source>Thinking, at most</source>
        <translation>思考，最多</translation>
    </message>
    <message>
        <source>Whole reply, at most</source>
        <translation>整个回答，最多</translation>
    </message>
    <message>
        <source>Past the thinking limit gpt-oss is asked to answer at once; past the reply limit the reply stops. Both count tokens per request.</source>
        <translation>超过思考上限时，gpt-oss 会被要求立即回答；超过回答上限时，回答会停止。两者都按每次请求统计词元。</translation>
    </message>
    <message>
        <source>{tool} (MCP server {server})</source>
        <translation>{tool}（MCP 服务器 {server}）</translation>
    </message>
    <message>
        <source>Use {tool} in this chat</source>
        <translation>在此对话中使用 {tool}</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>没有描述。</translation>
    </message>
    <message>
        <source>Allowed without asking in this chat. Switch it off and on to be asked again.</source>
        <translation>在此对话中无需询问即可运行。关闭后再打开即可重新询问。</translation>
    </message>
    <message>
        <source>No tools are available.</source>
        <translation>没有可用的工具。</translation>
    </message>
    <message>
        <source>Python can read and write: {folders}</source>
        <translation>Python 可以读写：{folders}</translation>
    </message>
    <message>
        <source>Python can use only its own scratch folder; none of your files.</source>
        <translation>Python 只能使用自己的临时文件夹，不能访问你的任何文件。</translation>
    </message>
    <message>
        <source>Attach a folder to Python</source>
        <translation>为 Python 附加文件夹</translation>
    </message>
    <message>
        <source>Answer as JSON</source>
        <translation>以 JSON 回答</translation>
    </message>
    <message>
        <source>The answer is held to this JSON schema while gpt-oss thinks freely. Leave it empty for any JSON.</source>
        <translation>回答将受此 JSON 架构约束，而 gpt-oss 的思考不受限制。留空则允许任意 JSON。</translation>
    </message>
    <message>
        <source>JSON schema for the answer</source>
        <translation>回答的 JSON 架构</translation>
    </message>
</context>
<context>
    <name>UserTurnWidget</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit this message and send it again (a new branch)</source>
        <translation>编辑此消息并重新发送（新建分支）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>复制此消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Open a GGUF file…</source>
        <translation>打开 GGUF 文件…</translation>
    </message>
    <message>
        <source>All models…</source>
        <translation>所有模型…</translation>
    </message>
    <message>
        <source>Choose a model to chat with</source>
        <translation>选择一个模型开始对话</translation>
    </message>
    <message>
        <source>Everything runs on this computer; nothing you type leaves it.</source>
        <translation>一切都在这台电脑上运行；你输入的任何内容都不会离开它。</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>使用 {name}</translation>
    </message>
    <message>
        <source>Welcome to Hearth</source>
        <translation>欢迎使用 Hearth</translation>
    </message>
    <message>
        <source>Hearth runs OpenAI&apos;s gpt-oss on this computer, privately. It needs the model&apos;s weights once; after that it works with no network at all.</source>
        <translation>Hearth 在这台电脑上私密地运行 OpenAI 的 gpt-oss。只需获取一次模型权重，之后完全无需联网即可使用。</translation>
    </message>
    <message>
        <source>Use the copy {app} downloaded</source>
        <translation>使用 {app} 已下载的副本</translation>
    </message>
    <message>
        <source>{label} ({size}); no extra space</source>
        <translation>{label}（{size}）；不占用额外空间</translation>
    </message>
    <message>
        <source>about 12 GB</source>
        <translation>约 12 GB</translation>
    </message>
    <message>
        <source>{size}, recommended. {verdict} on this computer.</source>
        <translation>{size}，推荐。在这台电脑上：{verdict}。</translation>
    </message>
    <message>
        <source>{size}, recommended.</source>
        <translation>{size}，推荐。</translation>
    </message>
    <message>
        <source>Download gpt-oss-20b</source>
        <translation>下载 gpt-oss-20b</translation>
    </message>
    <message>
        <source>{title}: {status}</source>
        <translation>{title}：{status}</translation>
    </message>
</context>
</TS>
