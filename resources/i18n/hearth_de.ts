<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddServerDialog</name>
    <message>
        <source>Add MCP servers</source>
        <translation>MCP-Server hinzufügen</translation>
    </message>
    <message>
        <source>Paste the servers&apos; configuration, as Claude&apos;s desktop app, LM Studio and Jan write it. Hearth starts each command on this computer; what a server does, including connecting to the network, is up to that server.</source>
        <translation>Fügen Sie die Konfiguration der Server ein, so wie Claudes Desktop-App, LM Studio und Jan sie schreiben. Hearth startet jeden Befehl auf diesem Computer; was ein Server tut, auch Verbindungen ins Netzwerk, liegt bei diesem Server.</translation>
    </message>
    <message>
        <source>MCP server configuration</source>
        <translation>MCP-Server-Konfiguration</translation>
    </message>
    <message>
        <source>Add and start</source>
        <translation>Hinzufügen und starten</translation>
    </message>
</context>
<context>
    <name>ApiDialog</name>
    <message>
        <source>Local API</source>
        <translation>Lokale API</translation>
    </message>
    <message>
        <source>An OpenAI-compatible API for the model open in Hearth, for editors, scripts and tools such as Codex CLI. Apps must send the key below. Replies for the API and for this window take turns on the one model.</source>
        <translation>Eine OpenAI-kompatible API für das in Hearth geöffnete Modell, für Editoren, Skripte und Werkzeuge wie Codex CLI. Apps müssen den Schlüssel unten mitsenden. Antworten für die API und für dieses Fenster wechseln sich am selben Modell ab.</translation>
    </message>
    <message>
        <source>Turn on the local API</source>
        <translation>Lokale API einschalten</translation>
    </message>
    <message>
        <source>Let other computers on this network use it (the key is still required)</source>
        <translation>Anderen Computern in diesem Netzwerk die Nutzung erlauben (der Schlüssel bleibt nötig)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>Neuer Schlüssel</translation>
    </message>
    <message>
        <source>Make a new key; apps using the old one are refused from now on</source>
        <translation>Einen neuen Schlüssel erzeugen; Apps mit dem alten werden ab sofort abgewiesen</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Off: nothing listens.</source>
        <translation>Aus: nichts lauscht.</translation>
    </message>
    <message>
        <source>Not running (see the message in the window).</source>
        <translation>Läuft nicht (siehe die Meldung im Fenster).</translation>
    </message>
    <message>
        <source>Open to this network: other computers reach it at {address} with the key. Turn this off when you do not need it.</source>
        <translation>Für dieses Netzwerk offen: Andere Computer erreichen sie unter {address} mit dem Schlüssel. Schalten Sie das aus, wenn Sie es nicht brauchen.</translation>
    </message>
    <message>
        <source>Only apps on this computer can reach it, at {address}.</source>
        <translation>Nur Apps auf diesem Computer erreichen sie, unter {address}.</translation>
    </message>
    <message>
        <source>The key was shown when it was made; make a new one if you no longer have it.</source>
        <translation>Der Schlüssel wurde bei seiner Erzeugung angezeigt; erzeugen Sie einen neuen, wenn Sie ihn nicht mehr haben.</translation>
    </message>
</context>
<context>
    <name>ApiService</name>
    <message>
        <source>This computer has no keyring, so the API key lasts only until Hearth quits.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund, daher gilt der API-Schlüssel nur bis zum Beenden von Hearth.</translation>
    </message>
    <message>
        <source>The local API could not start on port {port}: {reason}. Choose another port in Settings → Local API.</source>
        <translation>Die lokale API konnte auf Port {port} nicht starten: {reason}. Wählen Sie unter Einstellungen → Lokale API einen anderen Port.</translation>
    </message>
    <message>
        <source>The local API stays off: the system keyring, which holds its key, could not be read (is it locked?).</source>
        <translation>Die lokale API bleibt aus: Der Schlüsselbund des Systems, der ihren Schlüssel enthält, konnte nicht gelesen werden (ist er gesperrt?).</translation>
    </message>
</context>
<context>
    <name>AssistantTurnWidget</name>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation>erstes Token nach {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tokens/s</source>
        <translation>{rate} Token/s</translation>
    </message>
    <message>
        <source>{prompt} prompt + {generated} generated tokens</source>
        <translation>{prompt} Prompt- + {generated} erzeugte Token</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} Token</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Gedankengang</translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation>Werkzeugaufrufe</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the answer (without the reasoning)</source>
        <translation>Antwort kopieren (ohne Gedankengang)</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu generieren</translation>
    </message>
    <message>
        <source>Answer the last message again (Ctrl+R)</source>
        <translation>Letzte Nachricht erneut beantworten (Ctrl+R)</translation>
    </message>
    <message>
        <source>gpt-oss · {effort} effort</source>
        <translation>gpt-oss · Denkaufwand {effort}</translation>
    </message>
    <message>
        <source>{file} p. {page} {lines}</source>
        <translation>{file} S. {page} {lines}</translation>
    </message>
    <message>
        <source>Show the passage in {path}</source>
        <translation>Die Stelle in {path} zeigen</translation>
    </message>
    <message>
        <source>{status}: {error}</source>
        <translation>{status}: {error}</translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation>Denkt nach… {seconds} s</translation>
    </message>
    <message>
        <source>Thought for {seconds} s</source>
        <translation>{seconds} s nachgedacht</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>&apos;{repo}&apos; is not a Hugging Face model name. Write it as owner/name, for example ggml-org/gpt-oss-20b-GGUF.</source>
        <translation>„{repo}“ ist kein Modellname von Hugging Face. Schreiben Sie ihn als Besitzer/Name, zum Beispiel ggml-org/gpt-oss-20b-GGUF.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a GGUF file name; Hearth downloads .gguf files.</source>
        <translation>„{path}“ ist kein GGUF-Dateiname; Hearth lädt .gguf-Dateien herunter.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a file path inside a repository.</source>
        <translation>„{path}“ ist kein Dateipfad innerhalb eines Repositorys.</translation>
    </message>
    <message>
        <source>&apos;{revision}&apos; is not a branch, tag or commit name.</source>
        <translation>„{revision}“ ist kein Name eines Branches, Tags oder Commits.</translation>
    </message>
    <message>
        <source>Added by you. Its size and checksum are read from the Hub before it downloads.</source>
        <translation>Von Ihnen hinzugefügt. Größe und Prüfsumme werden vor dem Download vom Hub gelesen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; claims {count} parts.</source>
        <translation>„{name}“ gibt {count} Teile an.</translation>
    </message>
    <message>
        <source>OpenAI&apos;s smaller open-weight model: 21 B parameters, 3.6 B active per token. Runs within 16 GB of memory, so a laptop.</source>
        <translation>Das kleinere Open-Weight-Modell von OpenAI: 21 B Parameter, davon 3.6 B pro Token aktiv. Kommt mit 16 GB Speicher aus, also reicht ein Laptop.</translation>
    </message>
    <message>
        <source>OpenAI&apos;s larger open-weight model: 117 B parameters, 5.1 B active per token. Fits a single 80 GB GPU, or a workstation with the experts in system RAM.</source>
        <translation>Das größere Open-Weight-Modell von OpenAI: 117 B Parameter, davon 5.1 B pro Token aktiv. Passt auf eine einzelne GPU mit 80 GB oder auf eine Workstation mit den Experten im Arbeitsspeicher (RAM).</translation>
    </message>
    <message>
        <source>Experts in MXFP4 as OpenAI released them; attention, embeddings and output Q8_0; norms, biases and router F32. Published by llama.cpp&apos;s maintainers.</source>
        <translation>Experten in MXFP4, wie OpenAI sie veröffentlicht hat; Attention, Embeddings und Ausgabe Q8_0; Normen, Biases und Router F32. Veröffentlicht von den Maintainern von llama.cpp.</translation>
    </message>
    <message>
        <source>Experts in MXFP4; attention, embeddings and output Q8_0; norms, biases and router F32. Split in three shards that download and load as one model.</source>
        <translation>Experten in MXFP4; Attention, Embeddings und Ausgabe Q8_0; Normen, Biases und Router F32. Aufgeteilt in drei Teile, die als ein Modell heruntergeladen und geladen werden.</translation>
    </message>
    <message>
        <source>MXFP4 experts kept, everything else F16. Larger and no better for chatting; a starting point for local quantization experiments.</source>
        <translation>MXFP4-Experten beibehalten, alles andere F16. Größer und zum Chatten nicht besser; ein Ausgangspunkt für eigene Quantisierungsexperimente.</translation>
    </message>
    <message>
        <source>MXFP4 experts kept, everything else F16. The file list is read from the Hub (every GGUF whose name contains F16).</source>
        <translation>MXFP4-Experten beibehalten, alles andere F16. Die Dateiliste wird vom Hub gelesen (jede GGUF-Datei, deren Name F16 enthält).</translation>
    </message>
    <message>
        <source>The same MXFP4 layout, as LM Studio distributes it. Pick it if you already use LM Studio&apos;s copy elsewhere.</source>
        <translation>Derselbe MXFP4-Aufbau, wie LM Studio ihn verteilt. Wählen Sie ihn, wenn Sie die Kopie von LM Studio bereits anderweitig verwenden.</translation>
    </message>
</context>
<context>
    <name>ChatService</name>
    <message>
        <source>Stopped before the tool answered.</source>
        <translation>Angehalten, bevor das Werkzeug geantwortet hat.</translation>
    </message>
    <message>
        <source>Stopped: the model called tools {count} times in one reply, which looks like a loop.</source>
        <translation>Angehalten: Das Modell hat in einer Antwort {count}-mal Werkzeuge aufgerufen, das sieht nach einer Schleife aus.</translation>
    </message>
    <message>
        <source>There is no tool named {name} in this chat; the model was told.</source>
        <translation>In diesem Chat gibt es kein Werkzeug namens {name}; das Modell wurde informiert.</translation>
    </message>
    <message>
        <source>You denied this call; the model was told.</source>
        <translation>Sie haben diesen Aufruf abgelehnt; das Modell wurde informiert.</translation>
    </message>
    <message>
        <source>Open a model first: File → Open model… (Ctrl+O).</source>
        <translation>Öffnen Sie zuerst ein Modell: Datei → Modell öffnen… (Ctrl+O).</translation>
    </message>
    <message>
        <source>gpt-oss reached this chat&apos;s thinking limit ({tokens} tokens) and was asked to answer. Raise it in Chat → Tools… if answers suffer.</source>
        <translation>gpt-oss hat die Denkgrenze dieses Chats erreicht ({tokens} Token) und wurde gebeten zu antworten. Erhöhen Sie sie unter Chat → Werkzeuge…, wenn die Antworten darunter leiden.</translation>
    </message>
    <message>
        <source>A JSON schema could not be used, so that part of the reply was not held to it: {detail}</source>
        <translation>Ein JSON-Schema konnte nicht verwendet werden, daher wurde dieser Teil der Antwort nicht daran gebunden: {detail}</translation>
    </message>
    <message>
        <source>The reply reached the end of the context window.</source>
        <translation>Die Antwort hat das Ende des Kontextfensters erreicht.</translation>
    </message>
    <message>
        <source>The reply reached this chat&apos;s limit of {tokens} tokens (Chat → Tools…).</source>
        <translation>Die Antwort hat die Grenze dieses Chats von {tokens} Token erreicht (Chat → Werkzeuge…).</translation>
    </message>
    <message>
        <source>The model stopped: {reason}</source>
        <translation>Das Modell wurde beendet: {reason}</translation>
    </message>
    <message>
        <source>This chat uses {used} of the model&apos;s {total}-token context. A long answer may not fit: start a new chat, or reload the model with a longer context.</source>
        <translation>Dieser Chat belegt {used} der {total} Token Kontext des Modells. Eine lange Antwort passt eventuell nicht mehr hinein: Beginnen Sie einen neuen Chat oder laden Sie das Modell mit längerem Kontext neu.</translation>
    </message>
    <message>
        <source>The chat could not be exported to {path}: {reason}</source>
        <translation>Der Chat konnte nicht nach {path} exportiert werden: {reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Nach {path} exportiert</translation>
    </message>
    <message>
        <source>Hearth was closed while this answer was being written.</source>
        <translation>Hearth wurde geschlossen, während diese Antwort geschrieben wurde.</translation>
    </message>
    <message>
        <source>That chat no longer exists.</source>
        <translation>Dieser Chat existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Something went wrong while saving the history; details are in the log.</source>
        <translation>Beim Speichern des Verlaufs ist ein Fehler aufgetreten; Details stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Ask anything: gpt-oss thinks first, then answers. Nothing you write leaves this computer.</source>
        <translation>Fragen Sie, was Sie möchten: gpt-oss denkt zuerst nach und antwortet dann. Nichts, was Sie schreiben, verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>Reasoning effort: low answers fast, high thinks longer. “Think harder” asks again at high.</source>
        <translation>Denkaufwand: „Niedrig“ antwortet schnell, „Hoch“ denkt länger nach. „Gründlicher denken“ fragt erneut mit „Hoch“.</translation>
    </message>
    <message>
        <source>Instructions… tell gpt-oss how to answer in this chat (tone, language, format).</source>
        <translation>Unter „Anweisungen…“ legen Sie fest, wie gpt-oss in diesem Chat antwortet (Ton, Sprache, Format).</translation>
    </message>
    <message>
        <source>Ctrl+N starts a new chat, Ctrl+F searches every chat, Ctrl+M opens the models.</source>
        <translation>Ctrl+N beginnt einen neuen Chat, Ctrl+F durchsucht alle Chats, Ctrl+M öffnet die Modelle.</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>Unterhaltung beginnen</translation>
    </message>
    <message>
        <source>Show earlier messages</source>
        <translation>Frühere Nachrichten anzeigen</translation>
    </message>
</context>
<context>
    <name>CleanupTab</name>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>sidecar</source>
        <translation>Begleitdatei</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>Teildownload</translation>
    </message>
    <message>
        <source>temporary</source>
        <translation>temporär</translation>
    </message>
    <message>
        <source>unregistered</source>
        <translation>nicht registriert</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Auswahl löschen</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Erneut suchen</translation>
    </message>
    <message>
        <source>Partial downloads nobody is resuming (Hearth&apos;s and huggingface_hub&apos;s) and files left by interrupted copies.</source>
        <translation>Abgebrochene Downloads, die niemand fortsetzt (von Hearth und von huggingface_hub), und Dateien, die unterbrochene Kopiervorgänge hinterlassen haben.</translation>
    </message>
    <message>
        <source>Leftover file</source>
        <translation>Restdatei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Leftover files</source>
        <translation>Restdateien</translation>
    </message>
    <message>
        <source>{count} leftover files, {size}</source>
        <translation>{count} Restdateien, {size}</translation>
    </message>
    <message>
        <source>Nothing to clean up.</source>
        <translation>Nichts aufzuräumen.</translation>
    </message>
</context>
<context>
    <name>CpuCheck</name>
    <message>
        <source>none on this CPU</source>
        <translation>keine auf dieser CPU</translation>
    </message>
    <message>
        <source>on ({kinds}): {reason}</source>
        <translation>an ({kinds}): {reason}</translation>
    </message>
    <message>
        <source>off: {reason}</source>
        <translation>aus: {reason}</translation>
    </message>
    <message>
        <source>the check ended without an answer; llama.cpp&apos;s default is kept.</source>
        <translation>die Prüfung endete ohne Ergebnis; die Voreinstellung von llama.cpp bleibt erhalten.</translation>
    </message>
    <message>
        <source>a model crashed on its first reply with them on this processor, so Hearth loads without them (a little slower to read prompts, the same answers).</source>
        <translation>ein Modell ist damit auf diesem Prozessor bei seiner ersten Antwort abgestürzt, daher lädt Hearth ohne sie (Prompts werden etwas langsamer gelesen, die Antworten bleiben gleich).</translation>
    </message>
    <message>
        <source>the check could not run ({error}); llama.cpp&apos;s default is kept.</source>
        <translation>die Prüfung konnte nicht laufen ({error}); die Voreinstellung von llama.cpp bleibt erhalten.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>with them ({kinds}) a test model computed different numbers than without them on this processor, so Hearth loads without them.</source>
        <translation>mit ihnen ({kinds}) hat ein Testmodell auf diesem Prozessor andere Zahlen berechnet als ohne sie, daher lädt Hearth ohne sie.</translation>
    </message>
    <message>
        <source>a test model ran the same with and without them here.</source>
        <translation>ein Testmodell lief hier mit und ohne sie gleich.</translation>
    </message>
    <message>
        <source>llama.cpp has no re-laid-out kernels for this processor.</source>
        <translation>llama.cpp hat für diesen Prozessor keine Kernel für umgeordnete Gewichte.</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s re-laid-out kernels crashed a test model on this processor, so Hearth loads without them (a little slower to read prompts, the same answers).</source>
        <translation>die Kernel von llama.cpp für umgeordnete Gewichte haben auf diesem Prozessor ein Testmodell abstürzen lassen, daher lädt Hearth ohne sie (Prompts werden etwas langsamer gelesen, die Antworten bleiben gleich).</translation>
    </message>
    <message>
        <source>the check did not finish ({reason}); llama.cpp&apos;s default is kept.</source>
        <translation>die Prüfung wurde nicht abgeschlossen ({reason}); die Voreinstellung von llama.cpp bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>The file is gone.</source>
        <translation>Die Datei ist nicht mehr da.</translation>
    </message>
    <message>
        <source>Hearth may not read this file.</source>
        <translation>Hearth darf diese Datei nicht lesen.</translation>
    </message>
    <message>
        <source>This is a folder, not a file.</source>
        <translation>Das ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>Die Datei konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>No text was found in it.</source>
        <translation>Darin wurde kein Text gefunden.</translation>
    </message>
    <message>
        <source>This is not a text file (it holds binary data).</source>
        <translation>Das ist keine Textdatei (sie enthält Binärdaten).</translation>
    </message>
    <message>
        <source>Only the first {limit} of its {size} were read.</source>
        <translation>Nur die ersten {limit} von {size} wurden gelesen.</translation>
    </message>
    <message>
        <source>This is not a text file Hearth can read.</source>
        <translation>Das ist keine Textdatei, die Hearth lesen kann.</translation>
    </message>
    <message>
        <source>The PDF is protected by a password; Hearth cannot read it.</source>
        <translation>Das PDF ist mit einem Passwort geschützt; Hearth kann es nicht lesen.</translation>
    </message>
    <message>
        <source>The PDF is damaged and cannot be read ({reason}).</source>
        <translation>Das PDF ist beschädigt und kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>Pages without text (scanned images?): {pages}.</source>
        <translation>Seiten ohne Text (gescannte Bilder?): {pages}.</translation>
    </message>
    <message>
        <source>None of its pages has text: it is probably scanned images, which Hearth cannot read.</source>
        <translation>Keine seiner Seiten enthält Text: Es sind wohl gescannte Bilder, die Hearth nicht lesen kann.</translation>
    </message>
    <message>
        <source>The Word file is damaged and cannot be read ({reason}).</source>
        <translation>Die Word-Datei ist beschädigt und kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>Reading the attached documents…</source>
        <translation>Die angehängten Dokumente werden gelesen…</translation>
    </message>
    <message>
        <source>Not everything in them could be read (see Chat → Documents…): {count}.</source>
        <translation>Nicht alles darin konnte gelesen werden (siehe Chat → Dokumente…): {count}.</translation>
    </message>
    <message>
        <source>{docs} files, about {tokens} tokens: they fit whole in this chat&apos;s {ctx} context.</source>
        <translation>{docs} Dateien, etwa {tokens} Token: Sie passen ganz in den Kontext dieses Chats ({ctx}).</translation>
    </message>
    <message>
        <source>{docs} files, about {tokens} tokens: too large to send whole, so gpt-oss will search them.</source>
        <translation>{docs} Dateien, etwa {tokens} Token: zu groß, um sie ganz zu senden; gpt-oss wird sie durchsuchen.</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>In this chat</source>
        <translation>In diesem Chat</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>Lesefortschritt</translation>
    </message>
    <message>
        <source>What could not be read</source>
        <translation>Was nicht gelesen werden konnte</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>Neu lesen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Documents are read and searched on this computer; nothing leaves it. Tick a collection to let gpt-oss use it in this chat.</source>
        <translation>Dokumente werden auf diesem Computer gelesen und durchsucht; nichts verlässt ihn. Haken Sie eine Sammlung an, damit gpt-oss sie in diesem Chat verwendet.</translation>
    </message>
    <message>
        <source>No collections yet. Add a folder to keep it indexed, or drop files on the chat.</source>
        <translation>Noch keine Sammlungen. Fügen Sie einen Ordner hinzu, um ihn indiziert zu halten, oder ziehen Sie Dateien auf den Chat.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Holds: {roots}</source>
        <translation>Enthält: {roots}</translation>
    </message>
    <message>
        <source>{done} of {total} files, {rate} pages/s</source>
        <translation>{done} von {total} Dateien, {rate} Seiten/s</translation>
    </message>
    <message>
        <source>, about {seconds} s left</source>
        <translation>, noch etwa {seconds} s</translation>
    </message>
    <message>
        <source>Rename collection</source>
        <translation>Sammlung umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Add a folder of documents</source>
        <translation>Einen Ordner mit Dokumenten hinzufügen</translation>
    </message>
    <message>
        <source>Add documents</source>
        <translation>Dokumente hinzufügen</translation>
    </message>
    <message>
        <source>Documents ({kinds})</source>
        <translation>Dokumente ({kinds})</translation>
    </message>
</context>
<context>
    <name>DownloadItem</name>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} von {total}</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>wird gestartet…</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}</source>
        <translation>Pausiert bei {done} von {total}</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Waiting for the download before it</source>
        <translation>Wartet auf den vorherigen Download</translation>
    </message>
    <message>
        <source>Asking Hugging Face for sizes and checksums…</source>
        <translation>Größen und Prüfsummen werden bei Hugging Face abgefragt…</translation>
    </message>
    <message>
        <source>Checking the files already on disk…</source>
        <translation>Bereits vorhandene Dateien werden geprüft…</translation>
    </message>
    <message>
        <source>Downloaded and verified</source>
        <translation>Heruntergeladen und geprüft</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Nothing is downloading. Pick a model under “Get models”.</source>
        <translation>Es läuft kein Download. Wählen Sie ein Modell unter „Modelle holen“.</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus Liste entfernen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>DownloadService</name>
    <message>
        <source>Hearth is in offline mode. Turn offline mode off to download models.</source>
        <translation>Hearth ist im Offline-Modus. Schalten Sie den Offline-Modus aus, um Modelle herunterzuladen.</translation>
    </message>
    <message>
        <source>{download} is still stopping; try again in a moment.</source>
        <translation>{download} wird noch angehalten; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>{download} is already in the download list.</source>
        <translation>{download} steht bereits in der Download-Liste.</translation>
    </message>
    <message>
        <source>Offline mode is on; turn it off to continue.</source>
        <translation>Der Offline-Modus ist aktiv; schalten Sie ihn aus, um fortzufahren.</translation>
    </message>
    <message>
        <source>The model downloaded but could not be registered: {error}</source>
        <translation>Das Modell wurde heruntergeladen, konnte aber nicht registriert werden: {error}</translation>
    </message>
    <message>
        <source>The download failed ({error}).</source>
        <translation>Der Download ist fehlgeschlagen ({error}).</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>There is not enough free space on the disk holding {folder}: the download needs {needed} ({file_size} for the file and {margin} kept free so the system and your chat history keep working) and {free} is free. Free at least {to_free} and try again.</source>
        <translation>Auf dem Datenträger mit {folder} ist nicht genug Platz frei: Der Download benötigt {needed} ({file_size} für die Datei und {margin}, die frei bleiben, damit das System und Ihr Chatverlauf weiter funktionieren), frei sind {free}. Geben Sie mindestens {to_free} frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{repo} has no GGUF file with {match} in its name.</source>
        <translation>{repo} enthält keine GGUF-Datei mit {match} im Namen.</translation>
    </message>
    <message>
        <source>{file} on Hugging Face is not the file this catalog names (its size or checksum changed). Hearth will not download an unexpected file; refresh the catalog to review the new version.</source>
        <translation>{file} auf Hugging Face ist nicht die Datei, die dieser Katalog nennt (Größe oder Prüfsumme haben sich geändert). Hearth lädt keine unerwartete Datei herunter; aktualisieren Sie den Katalog, um die neue Version zu prüfen.</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}.</source>
        <translation>{file} konnte nicht geschrieben werden: {error}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: {needed} more are needed to finish ({done} of {size} downloaded, kept). Free space and resume.</source>
        <translation>Der Datenträger mit {folder} ist voll: Zum Abschließen werden noch {needed} benötigt ({done} von {size} heruntergeladen und behalten). Geben Sie Speicherplatz frei und setzen Sie den Download fort.</translation>
    </message>
    <message>
        <source>{error} (Hearth tried {count} times.)</source>
        <translation>{error} (Hearth hat es {count}-mal versucht.)</translation>
    </message>
    <message>
        <source>Hearth is in offline mode, so the download did not start. Turn offline mode off to download models.</source>
        <translation>Hearth ist im Offline-Modus, daher wurde der Download nicht gestartet. Schalten Sie den Offline-Modus aus, um Modelle herunterzuladen.</translation>
    </message>
    <message>
        <source>The download of {file} was cancelled and its partial file deleted.</source>
        <translation>Der Download von {file} wurde abgebrochen und die unvollständige Datei gelöscht.</translation>
    </message>
    <message>
        <source>The download of {file} is paused at {done} of {size}; resume it to continue where it stopped.</source>
        <translation>Der Download von {file} ist bei {done} von {size} pausiert; setzen Sie ihn fort, um dort weiterzumachen, wo er angehalten wurde.</translation>
    </message>
    <message>
        <source>The server closed the connection before sending all of {file} ({done} of {size}); the download resumes where it stopped.</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor {file} vollständig gesendet war ({done} von {size}); der Download wird dort fortgesetzt, wo er abgebrochen ist.</translation>
    </message>
    <message>
        <source>The server&apos;s copy of {file} is {size} bytes, but the Hub published {published}. Hearth stopped rather than save a different file; refresh the model list and try again.</source>
        <translation>Die Kopie von {file} auf dem Server ist {size} Byte groß, aber der Hub hat {published} veröffentlicht. Hearth hat angehalten, statt eine andere Datei zu speichern; aktualisieren Sie die Modellliste und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server sent {file} from an unexpected position; starting it again.</source>
        <translation>Der Server hat {file} ab einer unerwarteten Position gesendet; der Download beginnt von vorn.</translation>
    </message>
    <message>
        <source>The server refused to resume {file}; starting it again.</source>
        <translation>Der Server hat das Fortsetzen von {file} abgelehnt; der Download beginnt von vorn.</translation>
    </message>
    <message>
        <source>Stopped while checking {file}.</source>
        <translation>Beim Prüfen von {file} angehalten.</translation>
    </message>
    <message>
        <source>{file} from {repo} did not match the checksum the Hub publishes (expected {expected}…, got {actual}…). The damaged file was deleted; download it again.</source>
        <translation>{file} aus {repo} stimmt nicht mit der Prüfsumme überein, die der Hub veröffentlicht (erwartet {expected}…, erhalten {actual}…). Die beschädigte Datei wurde gelöscht; laden Sie sie erneut herunter.</translation>
    </message>
</context>
<context>
    <name>EngineClient</name>
    <message>
        <source>The model process stopped answering.</source>
        <translation>Der Modellprozess antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>Signal {number}</translation>
    </message>
    <message>
        <source>The model process was killed ({signal}), most often because the computer ran out of memory. Try a smaller context or close other programs, then reload.</source>
        <translation>Der Modellprozess wurde beendet ({signal}), meistens weil der Arbeitsspeicher des Computers nicht ausreichte. Versuchen Sie einen kleineren Kontext oder schließen Sie andere Programme und laden Sie dann neu.</translation>
    </message>
    <message>
        <source>llama.cpp stopped on an internal error ({signal}).</source>
        <translation>llama.cpp wurde wegen eines internen Fehlers beendet ({signal}).</translation>
    </message>
    <message>
        <source>The model process crashed ({signal}).</source>
        <translation>Der Modellprozess ist abgestürzt ({signal}).</translation>
    </message>
    <message>
        <source>The model process exited unexpectedly (exit code {code}).</source>
        <translation>Der Modellprozess wurde unerwartet beendet (Exit-Code {code}).</translation>
    </message>
    <message>
        <source>repacked weights</source>
        <translation>umgeordnete Gewichte</translation>
    </message>
    <message>
        <source>It crashed with llama.cpp&apos;s re-laid-out weights for this processor ({kinds}); Hearth now loads models without them on this computer. Reload the model to go on.</source>
        <translation>Es ist mit den umgeordneten Gewichten von llama.cpp für diesen Prozessor ({kinds}) abgestürzt; Hearth lädt Modelle auf diesem Computer jetzt ohne sie. Laden Sie das Modell neu, um fortzufahren.</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
    <message>
        <source>no answer from the engine within {seconds} s</source>
        <translation>keine Antwort der Engine innerhalb von {seconds} s</translation>
    </message>
    <message>
        <source>The engine was shut down.</source>
        <translation>Die Engine wurde heruntergefahren.</translation>
    </message>
    <message>
        <source>{file} cannot be read: {error}.</source>
        <translation>{file} kann nicht gelesen werden: {error}.</translation>
    </message>
</context>
<context>
    <name>FitDetails</name>
    <message>
        <source>How much conversation the model can hold; longer needs more memory</source>
        <translation>Wie viel Unterhaltung das Modell fassen kann; mehr Kontext braucht mehr Speicher</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Hearth cannot plan memory for this model.</source>
        <translation>Hearth kann den Speicherbedarf dieses Modells nicht planen.</translation>
    </message>
</context>
<context>
    <name>FitPlan</name>
    <message>
        <source>an {size} context</source>
        <translation>{size}-Kontext</translation>
    </message>
    <message>
        <source>a {size} context</source>
        <translation>{size}-Kontext</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>brauchbar</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>very slow</source>
        <translation>sehr langsam</translation>
    </message>
    <message>
        <source>{ram} of RAM (RAM unknown)</source>
        <translation>{ram} RAM (RAM unbekannt)</translation>
    </message>
    <message>
        <source>{ram} of RAM, {available} available ({total} in total)</source>
        <translation>{ram} RAM, {available} verfügbar ({total} insgesamt)</translation>
    </message>
    <message>
        <source>{ram} of RAM, {available} available</source>
        <translation>{ram} RAM, {available} verfügbar</translation>
    </message>
    <message>
        <source>{layers} layers on the {gpu} need {vram} of GPU memory and {budget} is usable (free less a safety margin).</source>
        <translation>{layers} Layer auf der {gpu} benötigen {vram} GPU-Speicher, nutzbar sind {budget} (frei abzüglich einer Sicherheitsreserve).</translation>
    </message>
    <message>
        <source>It needs {ram} at {context}; running from swap or re-reading the file from disk would make it unusably slow.</source>
        <translation>Bei einem {context} benötigt es {ram}; Auslagern in den Swap oder erneutes Lesen der Datei von der Festplatte würde es unbrauchbar langsam machen.</translation>
    </message>
    <message>
        <source>It runs entirely on the {gpu}: {vram} of GPU memory at {context} ({free} free); {ram}.</source>
        <translation>Es läuft vollständig auf der {gpu}: {vram} GPU-Speicher bei einem {context} ({free} frei); {ram}.</translation>
    </message>
    <message>
        <source>all layers but the experts on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}.</source>
        <translation>alle Layer außer den Experten auf der {gpu} ({vram} von {free} frei), der Rest im RAM: {ram} bei einem {context}.</translation>
    </message>
    <message>
        <source>{layers} of {total} layers on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}.</source>
        <translation>{layers} von {total} Layern auf der {gpu} ({vram} von {free} frei), der Rest im RAM: {ram} bei einem {context}.</translation>
    </message>
    <message>
        <source>It runs on the CPU from system memory: {ram} at {context}.</source>
        <translation>Es läuft auf der CPU aus dem Arbeitsspeicher: {ram} bei einem {context}.</translation>
    </message>
    <message>
        <source>That is a little more than is free now: close other programs first.</source>
        <translation>Das ist etwas mehr, als gerade frei ist: Schließen Sie zuerst andere Programme.</translation>
    </message>
    <message>
        <source>{size} of the weights are re-laid out for this CPU&apos;s fast kernels ({kinds}); the file&apos;s copies of them stay mapped until the system needs the memory.</source>
        <translation>{size} der Gewichte werden für die schnellen Kernel dieser CPU umgeordnet ({kinds}); ihre Kopien aus der Datei bleiben eingeblendet, bis das System den Speicher braucht.</translation>
    </message>
    <message>
        <source>Expect about {low}–{high} tokens/s ({speed}).</source>
        <translation>Erwarten Sie etwa {low}–{high} Token/s ({speed}).</translation>
    </message>
    <message>
        <source>{model}: {explanation}</source>
        <translation>{model}: {explanation}</translation>
    </message>
    <message>
        <source>it runs fully on the GPU</source>
        <translation>es läuft vollständig auf der GPU</translation>
    </message>
    <message>
        <source>{layers} layers go on the GPU</source>
        <translation>{layers} Layer kommen auf die GPU</translation>
    </message>
    <message>
        <source>it fits in RAM</source>
        <translation>es passt in den RAM</translation>
    </message>
    <message>
        <source>it still does not fit</source>
        <translation>es passt weiterhin nicht</translation>
    </message>
    <message>
        <source>it runs fully on the GPU, about {low}–{high} tokens/s</source>
        <translation>es läuft vollständig auf der GPU, etwa {low}–{high} Token/s</translation>
    </message>
    <message>
        <source>{layers} layers go on the GPU, about {low}–{high} tokens/s</source>
        <translation>{layers} Layer kommen auf die GPU, etwa {low}–{high} Token/s</translation>
    </message>
    <message>
        <source>it fits in RAM, about {low}–{high} tokens/s</source>
        <translation>es passt in den RAM, etwa {low}–{high} Token/s</translation>
    </message>
    <message>
        <source>Your {gpu} is not used: the installed llama.cpp was built for the CPU only. With a GPU build {outcome}. Install Hearth&apos;s GPU package, or rebuild: {command}.</source>
        <translation>Ihre {gpu} wird nicht genutzt: Das installierte llama.cpp wurde nur für die CPU gebaut. Mit einem GPU-Build gilt: {outcome}. Installieren Sie das GPU-Paket von Hearth oder bauen Sie neu: {command}.</translation>
    </message>
    <message>
        <source>Turn on flash attention: saves {saved}; {outcome}.</source>
        <translation>Schalten Sie Flash Attention ein: spart {saved}; {outcome}.</translation>
    </message>
    <message>
        <source>Turn off swa_full (the full-size sliding-window cache): saves {saved}; {outcome}.</source>
        <translation>Schalten Sie swa_full aus (den Sliding-Window-Cache in voller Größe): spart {saved}; {outcome}.</translation>
    </message>
    <message>
        <source>Store the KV cache as q8_0: saves {saved}; {outcome}.</source>
        <translation>Speichern Sie den KV-Cache als q8_0: spart {saved}; {outcome}.</translation>
    </message>
    <message>
        <source>Use {context}: saves {saved}; {outcome}.</source>
        <translation>Verwenden Sie einen {context}: spart {saved}; {outcome}.</translation>
    </message>
    <message>
        <source>Keep the experts in system RAM (llama.cpp --cpu-moe): {vram} on the GPU, {ram} in RAM; {outcome}.</source>
        <translation>Lassen Sie die Experten im Arbeitsspeicher (llama.cpp --cpu-moe): {vram} auf der GPU, {ram} im RAM; {outcome}.</translation>
    </message>
    <message>
        <source>An {size} context also fits here: {more} more.</source>
        <translation>Ein {size}-Kontext passt hier auch: {more} mehr.</translation>
    </message>
    <message>
        <source>A {size} context also fits here: {more} more.</source>
        <translation>Ein {size}-Kontext passt hier auch: {more} mehr.</translation>
    </message>
    <message>
        <source>Close other programs: it needs {ram} of RAM at {context} and {free} is free now.</source>
        <translation>Schließen Sie andere Programme: Bei einem {context} benötigt es {ram} RAM, frei sind gerade {free}.</translation>
    </message>
    <message>
        <source>Even at its smallest ({context}, q8_0 KV cache) it needs {ram} of RAM; this computer has {total} in total. It needs a computer with more memory or a GPU that can hold it.</source>
        <translation>Selbst in der kleinsten Einstellung ({context}, KV-Cache als q8_0) benötigt es {ram} RAM; dieser Computer hat insgesamt {total}. Es braucht einen Computer mit mehr Speicher oder eine GPU, die es aufnehmen kann.</translation>
    </message>
    <message>
        <source>{model} fits on this computer: {ram} of RAM and {vram} of GPU memory; {outcome}.</source>
        <translation>{model} passt auf diesen Computer: {ram} RAM und {vram} GPU-Speicher; {outcome}.</translation>
    </message>
    <message>
        <source>{model} fits on this computer: {ram} of RAM; {outcome}.</source>
        <translation>{model} passt auf diesen Computer: {ram} RAM; {outcome}.</translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>Runs fully on the GPU</source>
        <translation>Läuft vollständig auf der GPU</translation>
    </message>
    <message>
        <source>Runs with part on the GPU</source>
        <translation>Läuft teilweise auf der GPU</translation>
    </message>
    <message>
        <source>Runs on the CPU</source>
        <translation>Läuft auf der CPU</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>Passt nicht</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>token embedding (stays in RAM)</source>
        <translation>Token-Embedding (bleibt im RAM)</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-Cache</translation>
    </message>
    <message>
        <source>compute buffer</source>
        <translation>Rechenpuffer</translation>
    </message>
    <message>
        <source>runtime overhead</source>
        <translation>Laufzeit-Overhead</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Datei wird gelesen…</translation>
    </message>
    <message>
        <source>{count}k tokens</source>
        <translation>{count}k Token</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} Token</translation>
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
        <translation>{part} (GPU)</translation>
    </message>
    <message>
        <source>{part} (RAM)</source>
        <translation>{part} (RAM)</translation>
    </message>
    <message>
        <source>{part}: {size}</source>
        <translation>{part}: {size}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>{size} available</source>
        <translation>{size} verfügbar</translation>
    </message>
    <message>
        <source>needs {size} of RAM ({available})</source>
        <translation>benötigt {size} RAM ({available})</translation>
    </message>
    <message>
        <source>{size} free</source>
        <translation>{size} frei</translation>
    </message>
    <message>
        <source>needs {size} of GPU memory ({free})</source>
        <translation>benötigt {size} GPU-Speicher ({free})</translation>
    </message>
    <message>
        <source>expected speed: about {low}–{high} tokens/s</source>
        <translation>erwartete Geschwindigkeit: etwa {low}–{high} Token/s</translation>
    </message>
    <message>
        <source>To make it fit or run faster:</source>
        <translation>Damit es passt oder schneller läuft:</translation>
    </message>
</context>
<context>
    <name>FoundTab</name>
    <message>
        <source>Use this copy</source>
        <translation>Diese Kopie verwenden</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Erneut suchen</translation>
    </message>
    <message>
        <source>gpt-oss files other apps already downloaded (LM Studio, Ollama, the Hugging Face cache). Using one takes no extra space.</source>
        <translation>gpt-oss-Dateien, die andere Apps bereits heruntergeladen haben (LM Studio, Ollama, der Cache von Hugging Face). Ihre Verwendung belegt keinen zusätzlichen Speicherplatz.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Copies found on this computer</source>
        <translation>Auf diesem Computer gefundene Kopien</translation>
    </message>
    <message>
        <source>{origin} — cannot be used</source>
        <translation>{origin} — nicht verwendbar</translation>
    </message>
</context>
<context>
    <name>GGUFHeader</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} Byte</translation>
    </message>
    <message>
        <source>{name} is incomplete: it ends at {have} but its contents need at least {need}. The download was probably interrupted — resume or download it again.</source>
        <translation>{name} ist unvollständig: Die Datei endet bei {have}, ihr Inhalt benötigt aber mindestens {need}. Der Download wurde wahrscheinlich unterbrochen — setzen Sie ihn fort oder laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>{name} is damaged or not a valid GGUF file ({reason}). Download it again.</source>
        <translation>{name} ist beschädigt oder keine gültige GGUF-Datei ({reason}). Laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>{what} claims an impossible size</source>
        <translation>{what} gibt eine unmögliche Größe an</translation>
    </message>
    <message>
        <source>{what} is {size} long</source>
        <translation>{what} ist {size} lang</translation>
    </message>
    <message>
        <source>{what} is not UTF-8 text</source>
        <translation>{what} ist kein UTF-8-Text</translation>
    </message>
    <message>
        <source>a string in an array</source>
        <translation>eine Zeichenkette in einem Array</translation>
    </message>
    <message>
        <source>{key} is not a valid true/false value</source>
        <translation>{key} ist kein gültiger Wahr/Falsch-Wert</translation>
    </message>
    <message>
        <source>its metadata text is too large</source>
        <translation>der Metadatentext ist zu groß</translation>
    </message>
    <message>
        <source>{key} has unknown value type {type}</source>
        <translation>{key} hat den unbekannten Werttyp {type}</translation>
    </message>
    <message>
        <source>{key} is an array of arrays</source>
        <translation>{key} ist ein Array aus Arrays</translation>
    </message>
    <message>
        <source>{key} has unknown element type {type}</source>
        <translation>{key} hat den unbekannten Elementtyp {type}</translation>
    </message>
    <message>
        <source>its arrays hold too many strings</source>
        <translation>die Arrays enthalten zu viele Zeichenketten</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes). The download probably never started or was cut off — download it again.</source>
        <translation>{name} ist leer (0 Byte). Der Download hat wahrscheinlich nie begonnen oder wurde abgebrochen — laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file (it does not start with &apos;GGUF&apos;). Hearth runs gpt-oss models in GGUF format, such as gpt-oss-20b-mxfp4.gguf.</source>
        <translation>{name} ist keine GGUF-Modelldatei (sie beginnt nicht mit „GGUF“). Hearth führt gpt-oss-Modelle im GGUF-Format aus, etwa gpt-oss-20b-mxfp4.gguf.</translation>
    </message>
    <message>
        <source>{name} is a big-endian GGUF file, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth&apos;s catalog.</source>
        <translation>{name} ist eine Big-Endian-GGUF-Datei, die diese Version von Hearth nicht lesen kann (sie liest die Little-Endian-Versionen 2 und 3) — verwenden Sie die gpt-oss-Dateien aus dem Katalog von Hearth.</translation>
    </message>
    <message>
        <source>{name} uses GGUF version {version}, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth&apos;s catalog.</source>
        <translation>{name} verwendet die GGUF-Version {version}, die diese Version von Hearth nicht lesen kann (sie liest die Little-Endian-Versionen 2 und 3) — verwenden Sie die gpt-oss-Dateien aus dem Katalog von Hearth.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a GGUF model file. Choose the .gguf file inside it.</source>
        <translation>{name} ist ein Ordner, keine GGUF-Modelldatei. Wählen Sie die .gguf-Datei darin.</translation>
    </message>
    <message>
        <source>it claims {count} metadata entries</source>
        <translation>die Datei gibt {count} Metadateneinträge an</translation>
    </message>
    <message>
        <source>it claims {count} tensors</source>
        <translation>die Datei gibt {count} Tensoren an</translation>
    </message>
    <message>
        <source>the header</source>
        <translation>der Header</translation>
    </message>
    <message>
        <source>a metadata key</source>
        <translation>ein Metadatenschlüssel</translation>
    </message>
    <message>
        <source>the key {key} appears twice</source>
        <translation>der Schlüssel {key} kommt zweimal vor</translation>
    </message>
    <message>
        <source>it does not say which model architecture it holds</source>
        <translation>die Datei gibt nicht an, welche Modellarchitektur sie enthält</translation>
    </message>
    <message>
        <source>{name} is a &apos;{architecture}&apos; model, not {expected}. Hearth runs OpenAI&apos;s gpt-oss-20b and gpt-oss-120b.</source>
        <translation>{name} ist ein Modell der Architektur „{architecture}“, nicht {expected}. Hearth führt gpt-oss-20b und gpt-oss-120b von OpenAI aus.</translation>
    </message>
    <message>
        <source>{name} is a &apos;{architecture}&apos; model, not {expected}.</source>
        <translation>{name} ist ein Modell der Architektur „{architecture}“, nicht {expected}.</translation>
    </message>
    <message>
        <source>{key} is not a whole number</source>
        <translation>{key} ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>its alignment {alignment} is not a power of two</source>
        <translation>die Ausrichtung {alignment} ist keine Zweierpotenz</translation>
    </message>
    <message>
        <source>a tensor name</source>
        <translation>ein Tensorname</translation>
    </message>
    <message>
        <source>tensor {tensor} appears twice</source>
        <translation>Tensor {tensor} kommt zweimal vor</translation>
    </message>
    <message>
        <source>tensor {tensor} has {count} dimensions</source>
        <translation>Tensor {tensor} hat {count} Dimensionen</translation>
    </message>
    <message>
        <source>tensor {tensor} has unknown type {type}</source>
        <translation>Tensor {tensor} hat den unbekannten Typ {type}</translation>
    </message>
    <message>
        <source>tensor {tensor} has a row that splits a block</source>
        <translation>Tensor {tensor} hat eine Zeile, die einen Block teilt</translation>
    </message>
    <message>
        <source>tensor {tensor} is not aligned</source>
        <translation>Tensor {tensor} ist nicht ausgerichtet</translation>
    </message>
    <message>
        <source>a tensor</source>
        <translation>ein Tensor</translation>
    </message>
    <message>
        <source>its chat template is not text</source>
        <translation>die Chatvorlage ist kein Text</translation>
    </message>
    <message>
        <source>its token list is not a list of strings</source>
        <translation>die Tokenliste ist keine Liste von Zeichenketten</translation>
    </message>
</context>
<context>
    <name>Hardware</name>
    <message>
        <source>{folder} cannot be read: {error}</source>
        <translation>{folder} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>no GPU backend library in {folder}</source>
        <translation>keine GPU-Backend-Bibliothek in {folder}</translation>
    </message>
    <message>
        <source>{files} in {folder}</source>
        <translation>{files} in {folder}</translation>
    </message>
    <message>
        <source>the CUDA toolkit</source>
        <translation>das CUDA Toolkit</translation>
    </message>
    <message>
        <source>ROCm or the Vulkan SDK</source>
        <translation>ROCm oder das Vulkan SDK</translation>
    </message>
    <message>
        <source>Xcode&apos;s command line tools</source>
        <translation>die Befehlszeilentools von Xcode</translation>
    </message>
    <message>
        <source>NVIDIA driver not found ({error}): if this computer has an NVIDIA GPU, install its driver.</source>
        <translation>NVIDIA-Treiber nicht gefunden ({error}): Wenn dieser Computer eine NVIDIA-GPU hat, installieren Sie deren Treiber.</translation>
    </message>
    <message>
        <source>Could not read the NVIDIA GPUs&apos; memory through NVML ({error}).</source>
        <translation>Der Speicher der NVIDIA-GPUs konnte nicht über NVML gelesen werden ({error}).</translation>
    </message>
    <message>
        <source>Hearth&apos;s llama.cpp was built for the CPU only, so your {gpu}{size} is not used. To use it, install {needs} and rebuild llama-cpp-python in Hearth&apos;s environment: {command}, then restart Hearth.</source>
        <translation>Das llama.cpp von Hearth wurde nur für die CPU gebaut, daher wird Ihre {gpu}{size} nicht genutzt. Um sie zu nutzen, installieren Sie {needs} und bauen Sie llama-cpp-python in der Umgebung von Hearth neu: {command}; starten Sie Hearth danach neu.</translation>
    </message>
    <message>
        <source>psutil is not installed, so RAM and CPU cores are unknown; reinstall Hearth.</source>
        <translation>psutil ist nicht installiert, daher sind RAM und CPU-Kerne unbekannt; installieren Sie Hearth neu.</translation>
    </message>
    <message>
        <source>Could not read RAM and CPU cores ({error}).</source>
        <translation>RAM und CPU-Kerne konnten nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <source>Hearth runs in a container limited to {size} of RAM.</source>
        <translation>Hearth läuft in einem Container, der auf {size} RAM begrenzt ist.</translation>
    </message>
    <message>
        <source>Could not read the free space where models are kept ({folder}): {error}.</source>
        <translation>Der freie Speicherplatz am Speicherort der Modelle ({folder}) konnte nicht gelesen werden: {error}.</translation>
    </message>
    <message>
        <source>Could not list the PCI devices ({error}).</source>
        <translation>Die PCI-Geräte konnten nicht aufgelistet werden ({error}).</translation>
    </message>
    <message>
        <source>Could not run nvidia-smi ({error}).</source>
        <translation>nvidia-smi konnte nicht ausgeführt werden ({error}).</translation>
    </message>
    <message>
        <source>An NVIDIA GPU is present but its memory is unknown: install its driver and nvidia-ml-py.</source>
        <translation>Eine NVIDIA-GPU ist vorhanden, aber ihr Speicher ist unbekannt: Installieren Sie ihren Treiber und nvidia-ml-py.</translation>
    </message>
    <message>
        <source>Could not run sysctl ({error}).</source>
        <translation>sysctl konnte nicht ausgeführt werden ({error}).</translation>
    </message>
    <message>
        <source>Could not read /proc/cpuinfo ({error}).</source>
        <translation>/proc/cpuinfo konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <source>CPU instruction sets are not probed on Windows; llama.cpp picks them itself.</source>
        <translation>Unter Windows werden die CPU-Befehlssätze nicht ermittelt; llama.cpp wählt sie selbst.</translation>
    </message>
    <message>
        <source>Could not read AMD GPU memory from sysfs ({error}).</source>
        <translation>Der Speicher der AMD-GPU konnte nicht aus sysfs gelesen werden ({error}).</translation>
    </message>
    <message>
        <source>The GPU may use about {size} of the unified memory: an estimate, since macOS tells only Metal programs the exact limit.</source>
        <translation>Die GPU kann etwa {size} des gemeinsamen Speichers (Unified Memory) nutzen: eine Schätzung, da macOS die genaue Grenze nur Metal-Programmen mitteilt.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found; AMD and Intel GPUs are not detected on Windows yet.</source>
        <translation>Keine NVIDIA-GPU gefunden; AMD- und Intel-GPUs werden unter Windows noch nicht erkannt.</translation>
    </message>
    <message>
        <source>CUDA_VISIBLE_DEVICES hides the NVIDIA GPUs from llama.cpp; unset it to use them.</source>
        <translation>CUDA_VISIBLE_DEVICES verbirgt die NVIDIA-GPUs vor llama.cpp; entfernen Sie die Variable, um sie zu nutzen.</translation>
    </message>
    <message>
        <source>llama-cpp-python is not installed</source>
        <translation>llama-cpp-python ist nicht installiert</translation>
    </message>
    <message>
        <source>llama-cpp-python is not installed, so Hearth cannot run models; reinstall Hearth.</source>
        <translation>llama-cpp-python ist nicht installiert, daher kann Hearth keine Modelle ausführen; installieren Sie Hearth neu.</translation>
    </message>
    <message>
        <source>Could not inspect llama.cpp&apos;s libraries ({error}).</source>
        <translation>Die Bibliotheken von llama.cpp konnten nicht untersucht werden ({error}).</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>{version} built for {backends} ({evidence})</source>
        <translation>{version}, gebaut für {backends} ({evidence})</translation>
    </message>
    <message>
        <source>the CPU only</source>
        <translation>die CPU allein</translation>
    </message>
    <message>
        <source>Hearth&apos;s llama.cpp was built for CUDA but no NVIDIA GPU was found; models run on the CPU.</source>
        <translation>Das llama.cpp von Hearth wurde für CUDA gebaut, aber es wurde keine NVIDIA-GPU gefunden; Modelle laufen auf der CPU.</translation>
    </message>
</context>
<context>
    <name>HardwarePanel</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Looking at this computer…</source>
        <translation>Dieser Computer wird untersucht…</translation>
    </message>
    <message>
        <source>{total} total, {available} available</source>
        <translation>{total} insgesamt, {available} verfügbar</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation>Arbeitsspeicher (RAM)</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Auslagerung (Swap)</translation>
    </message>
    <message>
        <source>{size} in {folder}</source>
        <translation>{size} in {folder}</translation>
    </message>
    <message>
        <source>Free disk for models</source>
        <translation>Freier Speicherplatz für Modelle</translation>
    </message>
    <message>
        <source>{cores} cores, {threads} threads</source>
        <translation>{cores} Kerne, {threads} Threads</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Prozessor</translation>
    </message>
    <message>
        <source>Instruction sets llama.cpp uses</source>
        <translation>Von llama.cpp genutzte Befehlssätze</translation>
    </message>
    <message>
        <source>Re-laid-out weights (repacking)</source>
        <translation>Umgeordnete Gewichte (Repacking)</translation>
    </message>
    <message>
        <source>not checked yet: Hearth checks when it first loads a model</source>
        <translation>noch nicht geprüft: Hearth prüft beim ersten Laden eines Modells</translation>
    </message>
    <message>
        <source>GPU: {name}</source>
        <translation>GPU: {name}</translation>
    </message>
    <message>
        <source>{total} total, {free} free ({source})</source>
        <translation>{total} insgesamt, {free} frei ({source})</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message>
        <source>llama.cpp build</source>
        <translation>llama.cpp-Build</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>The chat history {path} is damaged or is not a Hearth history ({detail}). Hearth changed nothing in it. Move the file aside to start a new history, or put back a backup copy (a file ending in .bak beside it).</source>
        <translation>Der Chatverlauf {path} ist beschädigt oder kein Verlauf von Hearth ({detail}). Hearth hat nichts daran verändert. Verschieben Sie die Datei an einen anderen Ort, um einen neuen Verlauf zu beginnen, oder stellen Sie eine Sicherungskopie wieder her (eine Datei daneben, deren Name auf .bak endet).</translation>
    </message>
    <message>
        <source>The disk is full: Hearth could not {action}. Free some space on the disk that holds {path}.</source>
        <translation>Der Datenträger ist voll: Hearth ist beim {action} gescheitert. Geben Sie Speicherplatz auf dem Datenträger frei, auf dem {path} liegt.</translation>
    </message>
    <message>
        <source>Hearth could not {action}: {path} or its folder is read-only or belongs to someone else.</source>
        <translation>Hearth ist beim {action} gescheitert: {path} oder sein Ordner ist schreibgeschützt oder gehört einem anderen Benutzer.</translation>
    </message>
    <message>
        <source>Hearth could not {action}: another program is using {path} (is Hearth already running?).</source>
        <translation>Hearth ist beim {action} gescheitert: Ein anderes Programm verwendet {path} (läuft Hearth bereits?).</translation>
    </message>
    <message>
        <source>Hearth could not {action}: the disk reported an error reading or writing {path}.</source>
        <translation>Hearth ist beim {action} gescheitert: Der Datenträger hat beim Lesen oder Schreiben von {path} einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>Hearth could not {action}: {path} could not be opened (is its folder missing or read-only?).</source>
        <translation>Hearth ist beim {action} gescheitert: {path} konnte nicht geöffnet werden (fehlt der Ordner oder ist er schreibgeschützt?).</translation>
    </message>
    <message>
        <source>open the chat history</source>
        <translation>Öffnen des Chatverlaufs</translation>
    </message>
    <message>
        <source>The chat history {path} was written by {writer}, which is newer than this Hearth {version} (history format {format}; this version reads up to {supported}). Nothing was changed. Update Hearth to open it.</source>
        <translation>Der Chatverlauf {path} wurde von {writer} geschrieben; dieses Hearth {version} ist älter (Verlaufsformat {format}; diese Version liest bis {supported}). Es wurde nichts verändert. Aktualisieren Sie Hearth, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>it holds tables Hearth did not make</source>
        <translation>er enthält Tabellen, die nicht von Hearth stammen</translation>
    </message>
    <message>
        <source>a newer Hearth ({version})</source>
        <translation>einem neueren Hearth ({version})</translation>
    </message>
    <message>
        <source>a newer version of Hearth</source>
        <translation>einer neueren Version von Hearth</translation>
    </message>
    <message>
        <source>save the new chat</source>
        <translation>Speichern des neuen Chats</translation>
    </message>
    <message>
        <source>save the chat</source>
        <translation>Speichern des Chats</translation>
    </message>
    <message>
        <source>read the chat list</source>
        <translation>Lesen der Chatliste</translation>
    </message>
    <message>
        <source>read the chat</source>
        <translation>Lesen des Chats</translation>
    </message>
    <message>
        <source>delete the chat</source>
        <translation>Löschen des Chats</translation>
    </message>
    <message>
        <source>restore the chat</source>
        <translation>Wiederherstellen des Chats</translation>
    </message>
    <message>
        <source>empty the bin</source>
        <translation>Leeren des Papierkorbs</translation>
    </message>
    <message>
        <source>save the message</source>
        <translation>Speichern der Nachricht</translation>
    </message>
    <message>
        <source>save the reply</source>
        <translation>Speichern der Antwort</translation>
    </message>
    <message>
        <source>mark unfinished replies</source>
        <translation>Markieren unvollendeter Antworten</translation>
    </message>
    <message>
        <source>search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>check the history</source>
        <translation>Prüfen des Verlaufs</translation>
    </message>
    <message>
        <source>read the settings</source>
        <translation>Lesen der Einstellungen</translation>
    </message>
</context>
<context>
    <name>Hub</name>
    <message>
        <source>Hearth is in offline mode, so it did not contact the Hugging Face Hub. Turn offline mode off in the settings to browse or download models.</source>
        <translation>Hearth ist im Offline-Modus und hat daher keine Verbindung zum Hugging Face Hub aufgenommen. Schalten Sie den Offline-Modus in den Einstellungen aus, um Modelle zu durchsuchen oder herunterzuladen.</translation>
    </message>
    <message>
        <source>{repo} is gated or private: accept its licence on https://huggingface.co/{repo} while signed in, add a Hugging Face access token in Hearth&apos;s settings, then try again.</source>
        <translation>Der Zugang zu {repo} ist beschränkt, oder das Repository ist privat: Akzeptieren Sie angemeldet die Lizenz auf https://huggingface.co/{repo}, fügen Sie in den Einstellungen von Hearth ein Hugging-Face-Zugriffstoken hinzu und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>{file} was not found in {repo} (HTTP 404). Refresh the model list and try again.</source>
        <translation>{file} wurde in {repo} nicht gefunden (HTTP 404). Aktualisieren Sie die Modellliste und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The Hugging Face Hub is limiting requests right now (HTTP {status}). Wait a few minutes and try again; nothing downloaded so far is lost.</source>
        <translation>Der Hugging Face Hub begrenzt gerade die Anfragen (HTTP {status}). Warten Sie einige Minuten und versuchen Sie es erneut; bereits Heruntergeladenes geht nicht verloren.</translation>
    </message>
    <message>
        <source>The Hugging Face Hub is having trouble (HTTP {status}). Try again later; the download resumes where it stopped.</source>
        <translation>Der Hugging Face Hub hat gerade Probleme (HTTP {status}). Versuchen Sie es später erneut; der Download wird dort fortgesetzt, wo er angehalten wurde.</translation>
    </message>
    <message>
        <source>The Hugging Face Hub refused to send {file} from {repo} (HTTP {status}).</source>
        <translation>Der Hugging Face Hub hat es abgelehnt, {file} aus {repo} zu senden (HTTP {status}).</translation>
    </message>
    <message>
        <source>Could not reach {host}: the proxy refused the connection ({error}).</source>
        <translation>Keine Verbindung zu {host}: Der Proxy hat die Verbindung abgelehnt ({error}).</translation>
    </message>
    <message>
        <source>Could not reach {host}: its certificate could not be verified (a proxy or antivirus that inspects HTTPS can cause this).</source>
        <translation>Keine Verbindung zu {host}: Das Zertifikat konnte nicht überprüft werden (Ursache kann ein Proxy oder Virenschutz sein, der HTTPS untersucht).</translation>
    </message>
    <message>
        <source>Could not reach {host}: the secure connection failed.</source>
        <translation>Keine Verbindung zu {host}: Die sichere Verbindung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The connection to {host} stalled: no data arrived.</source>
        <translation>Die Verbindung zu {host} stockt: Es kommen keine Daten an.</translation>
    </message>
    <message>
        <source>The connection to {host} stalled: no data arrived for {seconds} seconds.</source>
        <translation>Die Verbindung zu {host} stockt: Seit {seconds} Sekunden sind keine Daten angekommen.</translation>
    </message>
    <message>
        <source>Could not reach {host}: the connection timed out.</source>
        <translation>Keine Verbindung zu {host}: Zeitüberschreitung der Verbindung.</translation>
    </message>
    <message>
        <source>Could not reach {host}: the name could not be looked up (is the computer offline?).</source>
        <translation>Keine Verbindung zu {host}: Der Name konnte nicht aufgelöst werden (ist der Computer offline?).</translation>
    </message>
    <message>
        <source>Could not reach {host}: the connection was refused.</source>
        <translation>Keine Verbindung zu {host}: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The connection to {host} broke: it was closed in the middle of the transfer.</source>
        <translation>Die Verbindung zu {host} ist abgebrochen: Sie wurde mitten in der Übertragung geschlossen.</translation>
    </message>
    <message>
        <source>Could not reach {host}: {error}.</source>
        <translation>Keine Verbindung zu {host}: {error}.</translation>
    </message>
    <message>
        <source>Check your connection or proxy settings; the download resumes where it stopped.</source>
        <translation>Prüfen Sie Ihre Verbindung oder Ihre Proxy-Einstellungen; der Download wird dort fortgesetzt, wo er angehalten wurde.</translation>
    </message>
    <message>
        <source>Check your connection or proxy settings.</source>
        <translation>Prüfen Sie Ihre Verbindung oder Ihre Proxy-Einstellungen.</translation>
    </message>
    <message>
        <source>The Hub&apos;s answer about {file} in {repo} was incomplete (no commit or size); try again later.</source>
        <translation>Die Antwort des Hubs zu {file} in {repo} war unvollständig (kein Commit oder keine Größe); versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>{file} in {repo} has no published SHA-256 checksum (it is not stored with Git LFS), so Hearth cannot verify it and will not download it.</source>
        <translation>Für {file} in {repo} ist keine SHA-256-Prüfsumme veröffentlicht (die Datei liegt nicht in Git LFS), daher kann Hearth sie nicht prüfen und lädt sie nicht herunter.</translation>
    </message>
    <message>
        <source>the repository</source>
        <translation>dem Repository</translation>
    </message>
    <message>
        <source>The repository {repo} does not exist on the Hugging Face Hub, or it is private. Check the name; if it is private, add an access token with access to it in Hearth&apos;s settings.</source>
        <translation>Das Repository {repo} existiert auf dem Hugging Face Hub nicht oder ist privat. Prüfen Sie den Namen; falls es privat ist, fügen Sie in den Einstellungen von Hearth ein Zugriffstoken hinzu, das darauf zugreifen darf.</translation>
    </message>
    <message>
        <source>The revision {revision} does not exist in {repo}.</source>
        <translation>Die Revision {revision} existiert in {repo} nicht.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>{file} is not in {repo} at revision {revision}.</source>
        <translation>{file} ist in {repo} in der Revision {revision} nicht vorhanden.</translation>
    </message>
    <message>
        <source>The file is not in {repo} at revision {revision}.</source>
        <translation>Die Datei ist in {repo} in der Revision {revision} nicht vorhanden.</translation>
    </message>
    <message>
        <source>{repo} is not a valid Hugging Face repository name ({error}).</source>
        <translation>{repo} ist kein gültiger Repository-Name auf Hugging Face ({error}).</translation>
    </message>
    <message>
        <source>the Hugging Face Hub</source>
        <translation>dem Hugging Face Hub</translation>
    </message>
    <message>
        <source>Could not read {repo} from the Hugging Face Hub: {error}</source>
        <translation>Fehler beim Lesen von {repo} vom Hugging Face Hub: {error}</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>LinkGate</name>
    <message>
        <source>Open link?</source>
        <translation>Link öffnen?</translation>
    </message>
    <message>
        <source>The model&apos;s answer links to this address. Open it in your browser?</source>
        <translation>Die Antwort des Modells verweist auf diese Adresse. Möchten Sie sie in Ihrem Browser öffnen?</translation>
    </message>
</context>
<context>
    <name>LoadErrors</name>
    <message>
        <source>{name} is incomplete: its data ends before the model does. The download was probably interrupted — resume it or download the file again.</source>
        <translation>{name} ist unvollständig: Die Daten enden vor dem Ende des Modells. Der Download wurde wahrscheinlich unterbrochen — setzen Sie ihn fort oder laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file. Hearth runs gpt-oss models in GGUF format.</source>
        <translation>{name} ist keine GGUF-Modelldatei. Hearth führt gpt-oss-Modelle im GGUF-Format aus.</translation>
    </message>
    <message>
        <source>{name} uses a model architecture this version of llama.cpp does not know ({detail}).</source>
        <translation>{name} verwendet eine Modellarchitektur, die diese Version von llama.cpp nicht kennt ({detail}).</translation>
    </message>
    <message>
        <source>{name} is missing a setting gpt-oss needs ({detail}); it was probably made by an incompatible converter. Download the file from ggml-org or another known source.</source>
        <translation>In {name} fehlt eine Einstellung, die gpt-oss benötigt ({detail}); die Datei wurde wahrscheinlich mit einem inkompatiblen Konverter erstellt. Laden Sie die Datei von ggml-org oder einer anderen bekannten Quelle herunter.</translation>
    </message>
    <message>
        <source>{name} does not have gpt-oss&apos;s tensor layout ({detail}). It may be damaged or a different model; download it again.</source>
        <translation>{name} hat nicht den Tensoraufbau von gpt-oss ({detail}). Die Datei ist vielleicht beschädigt oder ein anderes Modell; laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <source>There is not enough memory to load {name} ({detail}). Try a smaller context, fewer GPU layers, or close other programs.</source>
        <translation>Es ist nicht genug Speicher frei, um {name} zu laden ({detail}). Versuchen Sie einen kleineren Kontext oder weniger GPU-Layer, oder schließen Sie andere Programme.</translation>
    </message>
    <message>
        <source>{name} could not be read ({detail}). Check that the file exists and that you may read it.</source>
        <translation>{name} konnte nicht gelesen werden ({detail}). Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}: {error}.</source>
        <translation>llama.cpp konnte {name} nicht laden: {error}.</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}.</source>
        <translation>llama.cpp konnte {name} nicht laden.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>An app is using the model through the local API</source>
        <translation>Eine App nutzt das Modell über die lokale API</translation>
    </message>
    <message>
        <source>Reload model</source>
        <translation>Modell neu laden</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <source>Message gpt-oss — Enter to send, Shift+Enter for a new line</source>
        <translation>Nachricht an gpt-oss — Enter zum Senden, Shift+Enter für eine neue Zeile</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Reasoning effort for the next message in this chat</source>
        <translation>Denkaufwand für die nächste Nachricht in diesem Chat</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Denkaufwand</translation>
    </message>
    <message>
        <source>Think harder</source>
        <translation>Gründlicher denken</translation>
    </message>
    <message>
        <source>Ask the last question again at high reasoning effort</source>
        <translation>Letzte Frage mit hohem Denkaufwand erneut stellen</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>Anweisungen…</translation>
    </message>
    <message>
        <source>Instructions for this chat (the developer message)</source>
        <translation>Anweisungen für diesen Chat (die Entwicklernachricht)</translation>
    </message>
    <message>
        <source>Tools…</source>
        <translation>Werkzeuge…</translation>
    </message>
    <message>
        <source>Tools the model may use in this chat (Python, …)</source>
        <translation>Werkzeuge, die das Modell in diesem Chat verwenden darf (Python, …)</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>Dateien anhängen…</translation>
    </message>
    <message>
        <source>Attach documents to this chat (or drop files on the window)</source>
        <translation>Dokumente an diesen Chat anhängen (oder Dateien auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Attached documents</source>
        <translation>Angehängte Dokumente</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>&amp;Reasoning:</source>
        <translation>Den&amp;kaufwand:</translation>
    </message>
    <message>
        <source>Where your messages go</source>
        <translation>Wohin Ihre Nachrichten gehen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Neuer Chat</translation>
    </message>
    <message>
        <source>Export chat as &amp;Markdown…</source>
        <translation>Chat als &amp;Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export chat as &amp;JSON…</source>
        <translation>Chat als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu generieren</translation>
    </message>
    <message>
        <source>Think &amp;harder</source>
        <translation>&amp;Gründlicher denken</translation>
    </message>
    <message>
        <source>&amp;Instructions…</source>
        <translation>&amp;Anweisungen…</translation>
    </message>
    <message>
        <source>T&amp;ools…</source>
        <translation>&amp;Werkzeuge…</translation>
    </message>
    <message>
        <source>Show &amp;prompt</source>
        <translation>&amp;Prompt anzeigen</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>&amp;Dokumente…</translation>
    </message>
    <message>
        <source>&amp;Focus message box</source>
        <translation>&amp;Fokus auf Nachrichtenfeld</translation>
    </message>
    <message>
        <source>Searc&amp;h chats</source>
        <translation>Chats d&amp;urchsuchen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Local &amp;API…</source>
        <translation>Lokale &amp;API…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;conversations</source>
        <translation>&amp;Unterhaltungen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Open a gpt-oss model</source>
        <translation>gpt-oss-Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>{name} wird geladen…</translation>
    </message>
    <message>
        <source>Replies come from a server elsewhere, not from this computer.</source>
        <translation>Die Antworten kommen von einem anderen Server, nicht von diesem Computer.</translation>
    </message>
    <message>
        <source>Your messages leave this computer: they go to {where}. Models → Servers… to change.</source>
        <translation>Ihre Nachrichten verlassen diesen Computer: Sie gehen an {where}. Ändern unter Modelle → Server…</translation>
    </message>
    <message>
        <source>{name} · {size} · context {tokens} tokens · on {device}</source>
        <translation>{name} · {size} · Kontext {tokens} Token · auf {device}</translation>
    </message>
    <message>
        <source>{name} · {size} · context {tokens} tokens</source>
        <translation>{name} · {size} · Kontext {tokens} Token</translation>
    </message>
    <message>
        <source>Model stopped</source>
        <translation>Modell beendet</translation>
    </message>
    <message>
        <source>The model stopped: {reason} Your conversation is kept.</source>
        <translation>Das Modell wurde beendet: {reason} Ihre Unterhaltung bleibt erhalten.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>{title} — {app}</source>
        <translation>{title} — {app}</translation>
    </message>
    <message>
        <source>Context {used} / {total} tokens ({share}%)</source>
        <translation>Kontext {used} / {total} Token ({share} %)</translation>
    </message>
    <message>
        <source>Instructions for this chat</source>
        <translation>Anweisungen für diesen Chat</translation>
    </message>
    <message>
        <source>For example: Answer briefly. Use British spelling.</source>
        <translation>Zum Beispiel: Antworte knapp. Verwende Schweizer Rechtschreibung.</translation>
    </message>
    <message>
        <source>gpt-oss reads these before every message of this chat.</source>
        <translation>gpt-oss liest sie vor jeder Nachricht dieses Chats.</translation>
    </message>
    <message>
        <source>Instructions ✓</source>
        <translation>Anweisungen ✓</translation>
    </message>
    <message>
        <source>Hearth cannot read that kind of file. It reads PDF, Word, HTML, CSV, Markdown, text and code.</source>
        <translation>Diese Art von Datei kann Hearth nicht lesen. Es liest PDF, Word, HTML, CSV, Markdown, Text und Code.</translation>
    </message>
    <message>
        <source>Attach documents to this chat</source>
        <translation>Dokumente an diesen Chat anhängen</translation>
    </message>
    <message>
        <source>Documents ({kinds})</source>
        <translation>Dokumente ({kinds})</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Send a message first: there is nothing to export yet.</source>
        <translation>Senden Sie zuerst eine Nachricht: Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Chat exportieren</translation>
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
        <translation>gpt-oss scheint sich beim Denken zu wiederholen. Halten Sie die Antwort an, oder schließen Sie diesen Hinweis, um es weitermachen zu lassen.</translation>
    </message>
    <message>
        <source>Let it go on</source>
        <translation>Weitermachen lassen</translation>
    </message>
</context>
<context>
    <name>McpDialog</name>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP-Server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>Server-Protokoll</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Log (what the server wrote to stderr)</source>
        <translation>Protokoll (was der Server auf stderr geschrieben hat)</translation>
    </message>
    <message>
        <source>No MCP servers yet. Add one to give gpt-oss its tools.</source>
        <translation>Noch keine MCP-Server. Fügen Sie einen hinzu, um gpt-oss seine Werkzeuge zu geben.</translation>
    </message>
    <message>
        <source>Command: {command}</source>
        <translation>Befehl: {command}</translation>
    </message>
    <message>
        <source>It stopped: {reason}</source>
        <translation>Er wurde beendet: {reason}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Tools: {names}</source>
        <translation>Werkzeuge: {names}</translation>
    </message>
</context>
<context>
    <name>ModelAccess</name>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>Modelle &amp;verwalten…</translation>
    </message>
    <message>
        <source>&amp;Servers…</source>
        <translation>&amp;Server…</translation>
    </message>
    <message>
        <source>Chat through a gpt-oss server on another machine</source>
        <translation>Über einen gpt-oss-Server auf einem anderen Rechner chatten</translation>
    </message>
    <message>
        <source>&amp;Offline mode</source>
        <translation>&amp;Offline-Modus</translation>
    </message>
    <message>
        <source>Hearth opens no network connection at all</source>
        <translation>Hearth baut keinerlei Netzwerkverbindung auf</translation>
    </message>
    <message>
        <source>{file} was not loaded: {reason}</source>
        <translation>{file} wurde nicht geladen: {reason}</translation>
    </message>
    <message>
        <source>This model does not fit</source>
        <translation>Dieses Modell passt nicht</translation>
    </message>
    <message>
        <source>{file} needs more memory than this computer has free.</source>
        <translation>{file} benötigt mehr Speicher, als auf diesem Computer frei ist.</translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation>Trotzdem laden</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Not in the catalog</source>
        <translation>Nicht im Katalog</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>Größe unbekannt</translation>
    </message>
    <message>
        <source>{size} · {variant}</source>
        <translation>{size} · {variant}</translation>
    </message>
    <message>
        <source>Will it run here? Checking…</source>
        <translation>Läuft es hier? Wird geprüft…</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Offline mode is on</source>
        <translation>Offline-Modus ist aktiv</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>It is Ollama&apos;s own gpt-oss format (&apos;gptoss&apos;), which llama.cpp cannot load.</source>
        <translation>Es ist das eigene gpt-oss-Format von Ollama („gptoss“), das llama.cpp nicht laden kann.</translation>
    </message>
    <message>
        <source>{file} is split into parts and part {part} is missing.</source>
        <translation>{file} ist in Teile aufgeteilt, und Teil {part} fehlt.</translation>
    </message>
    <message>
        <source>{file} is part {index} of {count} of a split model. Choose the first part, {first}; Hearth brings in the other parts with it.</source>
        <translation>{file} ist Teil {index} von {count} eines geteilten Modells. Wählen Sie den ersten Teil, {first}; Hearth übernimmt die anderen Teile zusammen mit ihm.</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} und {count} weitere</translation>
    </message>
    <message>
        <source>{file} is the first of {count} parts, but {missing} is not in {folder}. Put every part in the same folder (or finish downloading them) and try again.</source>
        <translation>{file} ist der erste von {count} Teilen, aber {missing} liegt nicht in {folder}. Legen Sie alle Teile in denselben Ordner (oder laden Sie sie fertig herunter) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{file} is the first of {count} parts, but {missing} are not in {folder}. Put every part in the same folder (or finish downloading them) and try again.</source>
        <translation>{file} ist der erste von {count} Teilen, aber {missing} liegen nicht in {folder}. Legen Sie alle Teile in denselben Ordner (oder laden Sie sie fertig herunter) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Copying {file} gave {copied} instead of {expected}; the original may be changing (is another app still downloading it?). Try again later.</source>
        <translation>Das Kopieren von {file} ergab {copied} statt {expected}; das Original ändert sich möglicherweise noch (lädt eine andere App es noch herunter?). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The disk holding {folder} filled up while copying {file} ({size}). Free some space and try again.</source>
        <translation>Der Datenträger mit {folder} ist beim Kopieren von {file} ({size}) vollgelaufen. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{folder} already has a file named {file}. Move it out of the way or choose another folder.</source>
        <translation>In {folder} gibt es bereits eine Datei namens {file}. Verschieben Sie sie an einen anderen Ort oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Choose a folder that is neither {folder} nor inside it or around it.</source>
        <translation>Wählen Sie einen Ordner, der weder {folder} ist noch darin liegt oder ihn enthält.</translation>
    </message>
    <message>
        <source>Moving the models needs {needed} free in {folder}, but only {free} is free. Free {to_free} there or choose another drive.</source>
        <translation>Zum Verschieben der Modelle werden in {folder} {needed} freier Speicherplatz benötigt, frei sind aber nur {free}. Geben Sie dort {to_free} frei oder wählen Sie ein anderes Laufwerk.</translation>
    </message>
    <message>
        <source>{repo} is not a repository name of the form owner/name.</source>
        <translation>{repo} ist kein Repository-Name der Form Besitzer/Name.</translation>
    </message>
    <message>
        <source>{path} is an absolute path; expected a path inside the repository.</source>
        <translation>{path} ist ein absoluter Pfad; erwartet wird ein Pfad innerhalb des Repositorys.</translation>
    </message>
    <message>
        <source>{repo}/{path} has an unsafe part {part}; refusing to write it.</source>
        <translation>{repo}/{path} enthält den unsicheren Bestandteil {part}; die Datei wird nicht geschrieben.</translation>
    </message>
    <message>
        <source>{file} says the model has {declared} parts, but its name says {count}. The files may have been renamed; download the model again.</source>
        <translation>Laut {file} hat das Modell {declared} Teile, laut Dateiname aber {count}. Die Dateien wurden möglicherweise umbenannt; laden Sie das Modell erneut herunter.</translation>
    </message>
    <message>
        <source>{file} (part {index} of {count}) is not a GGUF file. It may be damaged or incomplete — download that part again.</source>
        <translation>{file} (Teil {index} von {count}) ist keine GGUF-Datei. Die Datei ist möglicherweise beschädigt oder unvollständig — laden Sie diesen Teil erneut herunter.</translation>
    </message>
    <message>
        <source>Copying needs {needed} free in {folder}, but only {free} is free. Free {to_free} or link or use the file where it is instead.</source>
        <translation>Zum Kopieren werden in {folder} {needed} freier Speicherplatz benötigt, frei sind aber nur {free}. Geben Sie {to_free} frei oder verknüpfen oder verwenden Sie die Datei stattdessen an ihrem Ort.</translation>
    </message>
    <message>
        <source>Used where it is: the file system could not hard-link it into Hearth&apos;s models folder (it is probably on another drive), and copying would take another {size}. If the other app deletes or moves it, Hearth will show the model as missing.</source>
        <translation>Am Ort verwendet: Das Dateisystem konnte keinen Hardlink im Modellordner von Hearth anlegen (die Datei liegt wahrscheinlich auf einem anderen Laufwerk), und eine Kopie würde weitere {size} belegen. Wenn die andere App die Datei löscht oder verschiebt, zeigt Hearth das Modell als fehlend an.</translation>
    </message>
    <message>
        <source>Could not link {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.</source>
        <translation>{file} konnte nicht in {folder} verknüpft werden: {error}. Prüfen Sie, ob der Ordner beschreibbar ist und genug Platz hat, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Could not copy {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.</source>
        <translation>{file} konnte nicht nach {folder} kopiert werden: {error}. Prüfen Sie, ob der Ordner beschreibbar ist und genug Platz hat, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Intact: its contents match the published sha256 (checked {when}).</source>
        <translation>Intakt: Der Inhalt stimmt mit der veröffentlichten SHA-256-Prüfsumme überein (geprüft am {when}).</translation>
    </message>
    <message>
        <source>Damaged: its contents do not match the expected sha256. Download it again.</source>
        <translation>Beschädigt: Der Inhalt stimmt nicht mit der erwarteten SHA-256-Prüfsumme überein. Laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>Missing: {file} is no longer there. Put it back or remove the model.</source>
        <translation>Fehlt: {file} ist nicht mehr vorhanden. Legen Sie die Datei zurück oder entfernen Sie das Modell.</translation>
    </message>
    <message>
        <source>Not verified: no published checksum was known, so Hearth recorded the file&apos;s sha256 when it checked it; later checks can tell whether the file has changed.</source>
        <translation>Nicht verifiziert: Es war keine veröffentlichte Prüfsumme bekannt, daher hat Hearth beim Prüfen die SHA-256-Prüfsumme der Datei gespeichert; spätere Prüfungen erkennen, ob sich die Datei verändert hat.</translation>
    </message>
    <message>
        <source>Not verified yet: check it to compare its contents with the expected sha256.</source>
        <translation>Noch nicht verifiziert: Prüfen Sie die Datei, um ihren Inhalt mit der erwarteten SHA-256-Prüfsumme zu vergleichen.</translation>
    </message>
    <message>
        <source>No installed model is called {name}; it may have been removed already.</source>
        <translation>Kein installiertes Modell heißt {name}; es wurde möglicherweise bereits entfernt.</translation>
    </message>
    <message>
        <source>{file} is not in Hearth&apos;s models folder ({folder}), so Hearth did not delete it. Move it back into that folder, or delete it yourself and then remove the model from the list.</source>
        <translation>{file} liegt nicht im Modellordner von Hearth ({folder}), daher hat Hearth die Datei nicht gelöscht. Verschieben Sie sie zurück in diesen Ordner oder löschen Sie sie selbst und entfernen Sie dann das Modell aus der Liste.</translation>
    </message>
    <message>
        <source>Could not delete {files}. If the model is loaded or another program has it open, close it and try again.</source>
        <translation>Fehler beim Löschen von {files}. Wenn das Modell geladen ist oder ein anderes Programm es geöffnet hat, schließen Sie es und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not read {name}: {error}.</source>
        <translation>{name} konnte nicht gelesen werden: {error}.</translation>
    </message>
    <message>
        <source>{file} is already installed as {name}.</source>
        <translation>{file} ist bereits als {name} installiert.</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Checksum mismatch</source>
        <translation>Prüfsumme falsch</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>Datei fehlt</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Get models</source>
        <translation>Modelle holen</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Found on this computer</source>
        <translation>Auf diesem Computer gefunden</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Aufräumen</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Offline mode: Hearth opens no network connections</source>
        <translation>Offline-Modus: Hearth baut keine Netzwerkverbindungen auf</translation>
    </message>
    <message>
        <source>Models to download</source>
        <translation>Modelle zum Herunterladen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Runs here?</source>
        <translation>Läuft hier?</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Refresh sizes and checksums from Hugging Face</source>
        <translation>Größen und Prüfsummen von Hugging Face aktualisieren</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>owner/repository, e.g. ggml-org/gpt-oss-20b-GGUF</source>
        <translation>Besitzer/Repository, z. B. ggml-org/gpt-oss-20b-GGUF</translation>
    </message>
    <message>
        <source>GGUF file</source>
        <translation>GGUF-Datei</translation>
    </message>
    <message>
        <source>file.gguf (for a split model, its first part)</source>
        <translation>datei.gguf (bei einem geteilten Modell der erste Teil)</translation>
    </message>
    <message>
        <source>Add and download</source>
        <translation>Hinzufügen und herunterladen</translation>
    </message>
    <message>
        <source>Every layout of each model:</source>
        <translation>Alle Aufbauten jedes Modells:</translation>
    </message>
    <message>
        <source>Add any model from Hugging Face by name:</source>
        <translation>Beliebiges Modell von Hugging Face per Name hinzufügen:</translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation>Von Ihnen hinzugefügt</translation>
    </message>
    <message>
        <source>Models you added from Hugging Face by name.</source>
        <translation>Modelle, die Sie per Name von Hugging Face hinzugefügt haben.</translation>
    </message>
    <message>
        <source>★ recommended</source>
        <translation>★ empfohlen</translation>
    </message>
    <message>
        <source>from Hub</source>
        <translation>vom Hub</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Choose a variant to see its layout and size.</source>
        <translation>Wählen Sie eine Variante, um Aufbau und Größe zu sehen.</translation>
    </message>
    <message>
        <source>Hearth knows the memory needs of gpt-oss-20b and -120b only.</source>
        <translation>Hearth kennt den Speicherbedarf nur von gpt-oss-20b und -120b.</translation>
    </message>
    <message>
        <source>Its checksum is read from the Hub before downloading.</source>
        <translation>Die Prüfsumme wird vor dem Download vom Hub gelesen.</translation>
    </message>
    <message>
        <source>Meant as a source for quantizing, not for chatting.</source>
        <translation>Gedacht als Quelle zum Quantisieren, nicht zum Chatten.</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Installierte Modelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <source>Re-verify</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>GGUF-Datei importieren…</translation>
    </message>
    <message>
        <source>Quantize…</source>
        <translation>Quantisieren…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>({count} files)</source>
        <translation>({count} Dateien)</translation>
    </message>
    <message>
        <source>Models folder: {folder}</source>
        <translation>Modellordner: {folder}</translation>
    </message>
    <message>
        <source>Reading the model&apos;s header…</source>
        <translation>Header des Modells wird gelesen…</translation>
    </message>
    <message>
        <source>{model} does not match its checksum; delete it and download it again.</source>
        <translation>{model} stimmt nicht mit seiner Prüfsumme überein; löschen Sie es und laden Sie es erneut herunter.</translation>
    </message>
    <message>
        <source>Delete {model}? This frees about {size} on disk.</source>
        <translation>{model} löschen? Dadurch werden etwa {size} Speicherplatz frei.</translation>
    </message>
    <message>
        <source>Forget {model}? Its file belongs to another app and stays where it is.</source>
        <translation>{model} vergessen? Die Datei gehört einer anderen App und bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Import a gpt-oss model</source>
        <translation>gpt-oss-Modell importieren</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>Modell importieren</translation>
    </message>
    <message>
        <source>Use the file where it is, or make Hearth&apos;s own copy?</source>
        <translation>Die Datei an ihrem Ort verwenden oder eine eigene Kopie für Hearth anlegen?</translation>
    </message>
    <message>
        <source>Using it in place takes no extra space (a hard link when the file is on the same disk). A copy takes the file&apos;s full size again.</source>
        <translation>Die Verwendung am Ort belegt keinen zusätzlichen Speicherplatz (ein Hardlink, wenn die Datei auf demselben Laufwerk liegt). Eine Kopie belegt die volle Dateigröße ein zweites Mal.</translation>
    </message>
    <message>
        <source>Use in place</source>
        <translation>Am Ort verwenden</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Keep models in</source>
        <translation>Modelle speichern in</translation>
    </message>
    <message>
        <source>Offline mode is on</source>
        <translation>Offline-Modus ist aktiv</translation>
    </message>
</context>
<context>
    <name>ModelService</name>
    <message>
        <source>Offline mode is on, so the catalog was not refreshed.</source>
        <translation>Der Offline-Modus ist aktiv, daher wurde der Katalog nicht aktualisiert.</translation>
    </message>
    <message>
        <source>Could not save what the Hub said: {error}</source>
        <translation>Die Antwort des Hubs konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Refreshed {refreshed} of {total} variants from Hugging Face.</source>
        <translation>{refreshed} von {total} Varianten von Hugging Face aktualisiert.</translation>
    </message>
    <message>
        <source>The models folder is being moved; download when it is done.</source>
        <translation>Der Modellordner wird gerade verschoben; starten Sie den Download danach.</translation>
    </message>
    <message>
        <source>{task} failed ({error}).</source>
        <translation>{task} fehlgeschlagen ({error}).</translation>
    </message>
    <message>
        <source>{model} matches its checksum.</source>
        <translation>{model} stimmt mit seiner Prüfsumme überein.</translation>
    </message>
    <message>
        <source>{model} does NOT match its checksum: delete it and download it again.</source>
        <translation>{model} stimmt NICHT mit seiner Prüfsumme überein: Löschen Sie es und laden Sie es erneut herunter.</translation>
    </message>
    <message>
        <source>{model} is missing from disk.</source>
        <translation>{model} fehlt auf dem Datenträger.</translation>
    </message>
    <message>
        <source>{model} was hashed; no published checksum to compare with.</source>
        <translation>Für {model} wurde eine Prüfsumme berechnet; es gibt keine veröffentlichte Prüfsumme zum Vergleich.</translation>
    </message>
    <message>
        <source>Checking {model}</source>
        <translation>Prüfung von {model}</translation>
    </message>
    <message>
        <source>Removed {model}; {size} freed.</source>
        <translation>{model} entfernt; {size} freigegeben.</translation>
    </message>
    <message>
        <source>Removed {model}; {size} freed (the file belongs to another app and was left in place).</source>
        <translation>{model} entfernt; {size} freigegeben (die Datei gehört einer anderen App und bleibt an ihrem Ort).</translation>
    </message>
    <message>
        <source>Finish or cancel the downloads in the list and wait for other model tasks, then move the models folder.</source>
        <translation>Schließen Sie die Downloads in der Liste ab oder brechen Sie sie ab, warten Sie auf andere Modellaufgaben und verschieben Sie dann den Modellordner.</translation>
    </message>
    <message>
        <source>Models are now kept in {folder}.</source>
        <translation>Modelle werden jetzt in {folder} gespeichert.</translation>
    </message>
    <message>
        <source>Moving models</source>
        <translation>Verschieben der Modelle</translation>
    </message>
    <message>
        <source>{file} is already being imported.</source>
        <translation>{file} wird bereits importiert.</translation>
    </message>
    <message>
        <source>The models folder is being moved; import when it is done.</source>
        <translation>Der Modellordner wird gerade verschoben; importieren Sie danach.</translation>
    </message>
    <message>
        <source>{model} does not match the checksum {source} recorded for it, so it will not be loaded. Download a fresh copy instead.</source>
        <translation>{model} stimmt nicht mit der Prüfsumme überein, die {source} dafür gespeichert hat, und wird daher nicht geladen. Laden Sie stattdessen eine neue Kopie herunter.</translation>
    </message>
    <message>
        <source>{model} is ready to use.</source>
        <translation>{model} ist einsatzbereit.</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>Import von {file}</translation>
    </message>
    <message>
        <source>{model} is already being quantized to {layout}.</source>
        <translation>{model} wird bereits nach {layout} quantisiert.</translation>
    </message>
    <message>
        <source>{model} is ready ({size}).</source>
        <translation>{model} ist bereit ({size}).</translation>
    </message>
    <message>
        <source>Quantizing {model} to {layout}</source>
        <translation>Quantisierung von {model} nach {layout}</translation>
    </message>
    <message>
        <source>Cleaned up {size}.</source>
        <translation>{size} aufgeräumt.</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source>System (effort, date, built-in tools)</source>
        <translation>System (Aufwand, Datum, eingebaute Werkzeuge)</translation>
    </message>
    <message>
        <source>Developer (instructions, function tools)</source>
        <translation>Entwickler (Anweisungen, Funktionswerkzeuge)</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <source>Reasoning kept (an open tool call)</source>
        <translation>Beibehaltenes Denken (ein offener Werkzeugaufruf)</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>Werkzeugaufruf</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>Werkzeugergebnis</translation>
    </message>
    <message>
        <source>Earlier answer</source>
        <translation>Frühere Antwort</translation>
    </message>
    <message>
        <source>Start of the reply</source>
        <translation>Beginn der Antwort</translation>
    </message>
    <message>
        <source>The prompt gpt-oss was sent</source>
        <translation>Der Prompt, den gpt-oss erhalten hat</translation>
    </message>
    <message>
        <source>The last request in this chat, exactly as the model read it.</source>
        <translation>Die letzte Anfrage in diesem Chat, genau so, wie das Modell sie gelesen hat.</translation>
    </message>
    <message>
        <source>Nothing was sent in this chat yet: this is what your next message would be sent with.</source>
        <translation>In diesem Chat wurde noch nichts gesendet: Damit würde Ihre nächste Nachricht gesendet.</translation>
    </message>
    <message>
        <source>Parts of the prompt</source>
        <translation>Teile des Prompts</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Begins with</source>
        <translation>Beginnt mit</translation>
    </message>
    <message>
        <source>The whole prompt</source>
        <translation>Der ganze Prompt</translation>
    </message>
    <message>
        <source>{chars} characters; counting tokens…</source>
        <translation>{chars} Zeichen; Token werden gezählt…</translation>
    </message>
    <message>
        <source>Open a model to count the tokens.</source>
        <translation>Öffnen Sie ein Modell, um die Token zu zählen.</translation>
    </message>
    <message>
        <source>{tokens} tokens in all</source>
        <translation>{tokens} Token insgesamt</translation>
    </message>
</context>
<context>
    <name>QuantPlan</name>
    <message>
        <source>The tensor {tensor} has rows of {values} values, which {type} cannot store (it needs multiples of {block}); llama.cpp cannot quantize this model to {target}.</source>
        <translation>Der Tensor {tensor} hat Zeilen mit {values} Werten, die {type} nicht speichern kann (nötig sind Vielfache von {block}); llama.cpp kann dieses Modell nicht nach {target} quantisieren.</translation>
    </message>
    <message>
        <source>The tensor {tensor} holds {source_type} values, which llama.cpp cannot convert to {type}.</source>
        <translation>Der Tensor {tensor} enthält {source_type}-Werte, die llama.cpp nicht nach {type} umwandeln kann.</translation>
    </message>
    <message>
        <source>{name} is already in the {target} layout; quantizing it again would only make an identical copy.</source>
        <translation>{name} liegt bereits im Aufbau {target} vor; erneutes Quantisieren würde nur eine identische Kopie erzeugen.</translation>
    </message>
    <message>
        <source>{name} is already quantized ({types}), and llama.cpp refuses to quantize such tensors again (each round loses quality; it would need allow_requantize). Quantize the F16 or BF16 original to {target} instead.</source>
        <translation>{name} ist bereits quantisiert ({types}), und llama.cpp lehnt es ab, solche Tensoren erneut zu quantisieren (jeder Durchgang kostet Qualität; dafür wäre allow_requantize nötig). Quantisieren Sie stattdessen das F16- oder BF16-Original nach {target}.</translation>
    </message>
    <message>
        <source>{current} now, about {predicted} as {target}</source>
        <translation>jetzt {current}, als {target} etwa {predicted}</translation>
    </message>
    <message>
        <source>The experts in {name} ({share}% of its weights) are already MXFP4, so quantizing only converts the rest</source>
        <translation>Die Experten in {name} ({share} % der Gewichte) sind bereits MXFP4, daher wandelt das Quantisieren nur den Rest um</translation>
    </message>
    <message>
        <source>Quantizing {name} converts {changed} of its {total} tensors</source>
        <translation>Das Quantisieren von {name} wandelt {changed} der {total} Tensoren um</translation>
    </message>
    <message>
        <source>{lead}: {sizes} — saving little, so it is hardly worth it.</source>
        <translation>{lead}: {sizes} — das spart wenig und lohnt sich daher kaum.</translation>
    </message>
    <message>
        <source>{lead}: {sizes} — a larger file, so it is hardly worth it.</source>
        <translation>{lead}: {sizes} — eine größere Datei, daher lohnt es sich kaum.</translation>
    </message>
    <message>
        <source>{lead}: {sizes}, saving {saved} ({percent}%).</source>
        <translation>{lead}: {sizes}, eine Ersparnis von {saved} ({percent} %).</translation>
    </message>
</context>
<context>
    <name>Quantize</name>
    <message>
        <source>{file} already holds {type} tensors, and llama.cpp will not quantize them again. Quantize the F16 or BF16 original to {target} instead.</source>
        <translation>{file} enthält bereits {type}-Tensoren, und llama.cpp quantisiert sie nicht erneut. Quantisieren Sie stattdessen das F16- oder BF16-Original nach {target}.</translation>
    </message>
    <message>
        <source>{file} has a tensor whose rows {target} cannot store, so llama.cpp cannot quantize it.</source>
        <translation>{file} enthält einen Tensor, dessen Zeilen {target} nicht speichern kann, daher kann llama.cpp die Datei nicht quantisieren.</translation>
    </message>
    <message>
        <source>Writing {file} failed: the disk may be full or the folder read-only. Free up space or choose another folder.</source>
        <translation>Das Schreiben von {file} ist fehlgeschlagen: Der Datenträger ist möglicherweise voll oder der Ordner schreibgeschützt. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>llama.cpp stopped on an internal error while quantizing {file} ({detail}).</source>
        <translation>llama.cpp wurde beim Quantisieren von {file} wegen eines internen Fehlers beendet ({detail}).</translation>
    </message>
    <message>
        <source>llama.cpp could not quantize {file}.</source>
        <translation>llama.cpp konnte {file} nicht quantisieren.</translation>
    </message>
    <message>
        <source>{reason} (The quantizer exited with code {code}.)</source>
        <translation>{reason} (Der Quantisierer wurde mit Code {code} beendet.)</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>Signal {number}</translation>
    </message>
    <message>
        <source>The quantizer was killed ({signal}), most often because the computer ran out of memory. Close other programs and try again.</source>
        <translation>Der Quantisierer wurde beendet ({signal}), meistens weil der Arbeitsspeicher des Computers nicht ausreichte. Schließen Sie andere Programme und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The quantizer crashed ({signal}) while quantizing {file} on an internal check ({detail}); the file may be damaged or made by an incompatible converter.</source>
        <translation>Der Quantisierer ist beim Quantisieren von {file} abgestürzt ({signal}), und zwar bei einer internen Prüfung ({detail}); die Datei ist möglicherweise beschädigt oder wurde mit einem inkompatiblen Konverter erstellt.</translation>
    </message>
    <message>
        <source>The quantizer crashed ({signal}) while quantizing {file}.</source>
        <translation>Der Quantisierer ist beim Quantisieren von {file} abgestürzt ({signal}).</translation>
    </message>
    <message>
        <source>{file} could not be read ({error}). Check that the file exists and that you may read it.</source>
        <translation>{file} konnte nicht gelesen werden ({error}). Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>{file} is one part of a model split into {count} files; Hearth can only quantize single-file models.</source>
        <translation>{file} ist ein Teil eines Modells, das auf {count} Dateien aufgeteilt ist; Hearth kann nur Modelle aus einer einzigen Datei quantisieren.</translation>
    </message>
    <message>
        <source>Choose a different name for the quantized file: it would replace its source.</source>
        <translation>Wählen Sie einen anderen Namen für die quantisierte Datei: Sie würde sonst ihre Quelle ersetzen.</translation>
    </message>
    <message>
        <source>{file} already exists in {folder}; choose another name.</source>
        <translation>{file} existiert bereits in {folder}; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be used ({error}).</source>
        <translation>Der Ordner {folder} kann nicht verwendet werden ({error}).</translation>
    </message>
    <message>
        <source>Quantizing {file} needs about {needed} free in {folder} ({file_size} for the file, plus {margin} to spare), but only {free} is free. Free up space or choose another folder.</source>
        <translation>Das Quantisieren von {file} benötigt in {folder} etwa {needed} freien Speicherplatz ({file_size} für die Datei plus {margin} Reserve), frei sind aber nur {free}. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>The quantized file failed its check, so it was deleted: {error}</source>
        <translation>Die quantisierte Datei hat die Prüfung nicht bestanden und wurde daher gelöscht: {error}</translation>
    </message>
    <message>
        <source>llama.cpp wrote {file_type} instead of {target}; the file was deleted.</source>
        <translation>llama.cpp hat {file_type} statt {target} geschrieben; die Datei wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>QuantizeDialog</name>
    <message>
        <source>MXFP4_MOE — the official gpt-oss layout (experts MXFP4, the rest Q8_0)</source>
        <translation>MXFP4_MOE — der offizielle Aufbau von gpt-oss (Experten MXFP4, der Rest Q8_0)</translation>
    </message>
    <message>
        <source>Q8_0 — every weight 8-bit</source>
        <translation>Q8_0 — alle Gewichte 8 Bit</translation>
    </message>
    <message>
        <source>Quantize {model}</source>
        <translation>{model} quantisieren</translation>
    </message>
    <message>
        <source>Reading the model&apos;s header…</source>
        <translation>Header des Modells wird gelesen…</translation>
    </message>
    <message>
        <source>gpt-oss&apos;s experts, about 95 % of its bytes, were released in MXFP4 already, so quantizing a file that has them in MXFP4 gains almost nothing. Quantizing helps for a full-precision file such as a fine-tune.</source>
        <translation>Die Experten von gpt-oss, etwa 95 % seiner Bytes, wurden bereits in MXFP4 veröffentlicht; eine Datei zu quantisieren, die sie schon in MXFP4 enthält, bringt daher fast nichts. Quantisieren hilft bei einer Datei in voller Genauigkeit, etwa einem Fine-Tune.</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>Layout of the new file:</source>
        <translation>Aufbau der neuen Datei:</translation>
    </message>
    <message>
        <source>{advice}

The new file: {path}</source>
        <translation>{advice}

Die neue Datei: {path}</translation>
    </message>
</context>
<context>
    <name>Rate</name>
    <message>
        <source>stalled</source>
        <translation>stockt</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>noch {seconds} s</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>noch etwa {minutes} min</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min left</source>
        <translation>noch etwa {hours} h {minutes} min</translation>
    </message>
    <message>
        <source>about {days} days left</source>
        <translation>noch etwa {days} Tage</translation>
    </message>
</context>
<context>
    <name>RemoteService</name>
    <message>
        <source>Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server.</source>
        <translation>Der Offline-Modus ist an: Hearth baut keine Verbindung auf. Schalten Sie ihn unter Modelle aus, um einen Server zu nutzen.</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <source>Hearth writes the harmony prompt itself (raw completions): reasoning rules, effort and tools exactly as on this computer.</source>
        <translation>Hearth schreibt den harmony-Prompt selbst (rohe Completions): Regeln für das Denken, Aufwand und Werkzeuge genau wie auf diesem Computer.</translation>
    </message>
    <message>
        <source>Through the server&apos;s chat completions, with reasoning effort; the server applies the chat format.</source>
        <translation>Über die Chat-Completions des Servers, mit Denkaufwand; der Server wendet das Chat-Format an.</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Chat with a gpt-oss model that runs on another machine you control: vLLM, llama.cpp&apos;s llama-server, Ollama or LM Studio. Your messages are sent to that server.</source>
        <translation>Chatten Sie mit einem gpt-oss-Modell, das auf einem anderen Rechner unter Ihrer Kontrolle läuft: vLLM, llama-server von llama.cpp, Ollama oder LM Studio. Ihre Nachrichten werden an diesen Server gesendet.</translation>
    </message>
    <message>
        <source>Servers you added</source>
        <translation>Von Ihnen hinzugefügte Server</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>only if the server asks for one</source>
        <translation>nur wenn der Server einen verlangt</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Model on the server</source>
        <translation>Modell auf dem Server</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>Diesen Server verwenden</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Use this computer</source>
        <translation>Diesen Computer verwenden</translation>
    </message>
    <message>
        <source>Go back to the model on this computer</source>
        <translation>Zurück zum Modell auf diesem Computer</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>kept in the keyring</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Type the server&apos;s address first, e.g. http://192.168.1.20:8000</source>
        <translation>Geben Sie zuerst die Adresse des Servers ein, z. B. http://192.168.1.20:8000</translation>
    </message>
    <message>
        <source>Asking {url}…</source>
        <translation>Frage {url} an…</translation>
    </message>
    <message>
        <source>Trust this certificate (SHA-256 {fingerprint})</source>
        <translation>Diesem Zertifikat vertrauen (SHA-256 {fingerprint})</translation>
    </message>
    <message>
        <source>{kind} at {host} answers, but serves no model.</source>
        <translation>{kind} unter {host} antwortet, bietet aber kein Modell an.</translation>
    </message>
    <message>
        <source>{kind} at {host}: {count} model(s). {how}</source>
        <translation>{kind} unter {host}: {count} Modell(e). {how}</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep the API key in, so Hearth remembers it only until it quits.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund für den API-Schlüssel, daher merkt Hearth ihn sich nur bis zum Beenden.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server.</source>
        <translation>Der Offline-Modus ist an: Hearth baut keine Verbindung auf. Schalten Sie ihn unter Modelle aus, um einen Server zu nutzen.</translation>
    </message>
    <message>
        <source>{file} does not match its published checksum, so Hearth will not load it. Delete it in Models and download it again.</source>
        <translation>{file} stimmt nicht mit der veröffentlichten Prüfsumme überein, daher lädt Hearth die Datei nicht. Löschen Sie sie unter „Modelle“ und laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <source>Offline mode is on, so the server is not used: open a model on this computer, or turn offline mode off.</source>
        <translation>Der Offline-Modus ist an, daher wird der Server nicht genutzt: Öffnen Sie ein Modell auf diesem Computer oder schalten Sie den Offline-Modus aus.</translation>
    </message>
    <message>
        <source>Offline mode is on: Hearth makes no network connections.</source>
        <translation>Offline-Modus ist aktiv: Hearth baut keine Netzwerkverbindungen auf.</translation>
    </message>
    <message>
        <source>Offline mode is off: Hearth connects only when you download a model.</source>
        <translation>Offline-Modus ist aus: Hearth verbindet sich nur, wenn Sie ein Modell herunterladen.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
    <message>
        <source>Search all chats (Ctrl+F)</source>
        <translation>Alle Chats durchsuchen (Ctrl+F)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>No messages contain “{query}”</source>
        <translation>Keine Nachricht enthält „{query}“</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>{title}
{who}: {snippet}</source>
        <translation>{title}
{who}: {snippet}</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>„{title}“ gelöscht</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>{file}, page {page}</source>
        <translation>{file}, Seite {page}</translation>
    </message>
    <message>
        <source>The cited passage</source>
        <translation>Die zitierte Stelle</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>Datei öffnen</translation>
    </message>
</context>
<context>
    <name>ToolCallCard</name>
    <message>
        <source>Waiting for your answer</source>
        <translation>Wartet auf Ihre Antwort</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Arguments of the tool call</source>
        <translation>Argumente des Werkzeugaufrufs</translation>
    </message>
    <message>
        <source>Run this on your computer?</source>
        <translation>Dies auf Ihrem Computer ausführen?</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Einmal erlauben</translation>
    </message>
    <message>
        <source>Always for this chat</source>
        <translation>Immer in diesem Chat</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Result of the tool call</source>
        <translation>Ergebnis des Werkzeugaufrufs</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Your documents</source>
        <translation>Ihre Dokumente</translation>
    </message>
    <message>
        <source>Searches and reads the documents attached to this chat, on this computer.</source>
        <translation>Durchsucht und liest die an diesen Chat angehängten Dokumente, auf diesem Computer.</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Runs Python code the model writes, on this computer, in a separate process with no network, a time and memory limit, and its own scratch folder for this chat.</source>
        <translation>Führt Python-Code aus, den das Modell schreibt – auf diesem Computer, in einem eigenen Prozess ohne Netzwerk, mit Zeit- und Speichergrenze und einem eigenen Arbeitsordner für diesen Chat.</translation>
    </message>
    <message>
        <source>The schema is not valid JSON: {reason}</source>
        <translation>Das Schema ist kein gültiges JSON: {reason}</translation>
    </message>
    <message>
        <source>A JSON schema is an object, such as {example}.</source>
        <translation>Ein JSON-Schema ist ein Objekt, etwa {example}.</translation>
    </message>
    <message>
        <source>[… {count} characters of output left out …]</source>
        <translation>[… {count} Zeichen der Ausgabe ausgelassen …]</translation>
    </message>
    <message>
        <source>Python could not be started: {reason}</source>
        <translation>Python konnte nicht gestartet werden: {reason}</translation>
    </message>
    <message>
        <source>Python&apos;s sandbox did not start.</source>
        <translation>Die Sandbox für Python ist nicht gestartet.</translation>
    </message>
    <message>
        <source>Python&apos;s sandbox did not start in time.</source>
        <translation>Die Sandbox für Python ist nicht rechtzeitig gestartet.</translation>
    </message>
    <message>
        <source>The code ran for more than {seconds} s and was stopped; Python&apos;s state was reset.</source>
        <translation>Der Code lief länger als {seconds} s und wurde angehalten; der Zustand von Python wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>Python stopped ({why}), probably at its memory or time limit; its state was reset.</source>
        <translation>Python wurde beendet ({why}), vermutlich an seiner Speicher- oder Zeitgrenze; sein Zustand wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>Exit-Code {code}</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>{file} konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>On Linux Hearth cuts Python off the network and from your files (Landlock), where the kernel allows it; it checks the first time Python runs.</source>
        <translation>Unter Linux trennt Hearth Python vom Netzwerk und von Ihren Dateien (Landlock), soweit der Kernel es erlaubt; das wird beim ersten Start von Python geprüft.</translation>
    </message>
    <message>
        <source>no network (its own empty network namespace)</source>
        <translation>kein Netzwerk (ein eigener, leerer Netzwerk-Namensraum)</translation>
    </message>
    <message>
        <source>no access to your files except this chat&apos;s scratch folder (Landlock)</source>
        <translation>kein Zugriff auf Ihre Dateien außer auf den Arbeitsordner dieses Chats (Landlock)</translation>
    </message>
    <message>
        <source>limits on memory, CPU time and file size</source>
        <translation>Grenzen für Speicher, CPU-Zeit und Dateigröße</translation>
    </message>
    <message>
        <source>On this computer Python runs with: {list}.</source>
        <translation>Auf diesem Computer läuft Python mit: {list}.</translation>
    </message>
    <message>
        <source>Warning: the kernel did not allow all of it ({problems}); code the model writes could reach what Hearth could not close off.</source>
        <translation>Warnung: Der Kernel hat nicht alles davon erlaubt ({problems}); Code, den das Modell schreibt, könnte erreichen, was Hearth nicht absperren konnte.</translation>
    </message>
    <message>
        <source>Warning: on this system Python runs as a separate process with time and memory limits only; code the model writes can read your files and use the network. Allow only calls you have read.</source>
        <translation>Warnung: Auf diesem System läuft Python nur als eigener Prozess mit Zeit- und Speichergrenzen; Code, den das Modell schreibt, kann Ihre Dateien lesen und das Netzwerk nutzen. Erlauben Sie nur Aufrufe, die Sie gelesen haben.</translation>
    </message>
    <message>
        <source>Python&apos;s state for this chat was reset.</source>
        <translation>Der Zustand von Python für diesen Chat wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>This is not valid JSON: {reason}</source>
        <translation>Das ist kein gültiges JSON: {reason}</translation>
    </message>
    <message>
        <source>Expected {example}.</source>
        <translation>Erwartet wurde {example}.</translation>
    </message>
    <message>
        <source>Server {name}: its settings must be an object.</source>
        <translation>Server {name}: Seine Einstellungen müssen ein Objekt sein.</translation>
    </message>
    <message>
        <source>Server {name} is a remote (URL) server; Hearth runs local (command) servers only.</source>
        <translation>Server {name} ist ein entfernter Server (URL); Hearth führt nur lokale Server (Befehl) aus.</translation>
    </message>
    <message>
        <source>Server {name} has no command.</source>
        <translation>Server {name} hat keinen Befehl.</translation>
    </message>
    <message>
        <source>Server {name}: args must be a list and env an object.</source>
        <translation>Server {name}: args muss eine Liste und env ein Objekt sein.</translation>
    </message>
    <message>
        <source>It did not answer within {seconds} s.</source>
        <translation>Er hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <source>it is not running</source>
        <translation>er läuft nicht</translation>
    </message>
    <message>
        <source>the command was not found: {name}</source>
        <translation>der Befehl wurde nicht gefunden: {name}</translation>
    </message>
</context>
<context>
    <name>ToolsDialog</name>
    <message>
        <source>Tools for this chat</source>
        <translation>Werkzeuge für diesen Chat</translation>
    </message>
    <message>
        <source>gpt-oss can call these tools while it answers. Hearth shows every call and asks before running one that needs your permission.</source>
        <translation>gpt-oss kann diese Werkzeuge beim Antworten aufrufen. Hearth zeigt jeden Aufruf an und fragt, bevor es einen ausführt, der Ihre Erlaubnis braucht.</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>MCP-Server…</translation>
    </message>
    <message>
        <source>Add the tools of MCP servers (the same configuration other apps use)</source>
        <translation>Werkzeuge von MCP-Servern hinzufügen (dieselbe Konfiguration, die andere Apps verwenden)</translation>
    </message>
    <message>
        <source>Attach a folder…</source>
        <translation>Ordner anhängen…</translation>
    </message>
    <message>
        <source>Let this chat&apos;s Python read and write a folder of yours</source>
        <translation>Python in diesem Chat einen Ihrer Ordner lesen und beschreiben lassen</translation>
    </message>
    <message>
        <source>Detach all</source>
        <translation>Alle lösen</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Thinking limit in tokens</source>
        <translation>Denkgrenze in Token</translation>
    </message>
    <message>
        <source>Reply limit in tokens</source>
        <translation>Antwortgrenze in Token</translation>
    </message>
    <message>
        <source>default for this effort ({tokens})</source>
        <translation>Standard für diesen Aufwand ({tokens})</translation>
    </message>
    <message>
        <source>Thinking, at most</source>
        <translation>Denken, höchstens</translation>
    </message>
    <message>
        <source>Whole reply, at most</source>
        <translation>Ganze Antwort, höchstens</translation>
    </message>
    <message>
        <source>Past the thinking limit gpt-oss is asked to answer at once; past the reply limit the reply stops. Both count tokens per request.</source>
        <translation>Nach der Denkgrenze wird gpt-oss gebeten, sofort zu antworten; nach der Antwortgrenze hält die Antwort an. Beide zählen Token pro Anfrage.</translation>
    </message>
    <message>
        <source>{tool} (MCP server {server})</source>
        <translation>{tool} (MCP-Server {server})</translation>
    </message>
    <message>
        <source>Use {tool} in this chat</source>
        <translation>{tool} in diesem Chat verwenden</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Keine Beschreibung.</translation>
    </message>
    <message>
        <source>Allowed without asking in this chat. Switch it off and on to be asked again.</source>
        <translation>In diesem Chat ohne Nachfrage erlaubt. Schalten Sie es aus und wieder ein, um wieder gefragt zu werden.</translation>
    </message>
    <message>
        <source>No tools are available.</source>
        <translation>Es sind keine Werkzeuge verfügbar.</translation>
    </message>
    <message>
        <source>Python can read and write: {folders}</source>
        <translation>Python kann lesen und schreiben: {folders}</translation>
    </message>
    <message>
        <source>Python can use only its own scratch folder; none of your files.</source>
        <translation>Python kann nur seinen eigenen Arbeitsordner verwenden, keine Ihrer Dateien.</translation>
    </message>
    <message>
        <source>Attach a folder to Python</source>
        <translation>Ordner an Python anhängen</translation>
    </message>
    <message>
        <source>Answer as JSON</source>
        <translation>Als JSON antworten</translation>
    </message>
    <message>
        <source>The answer is held to this JSON schema while gpt-oss thinks freely. Leave it empty for any JSON.</source>
        <translation>Die Antwort wird an dieses JSON-Schema gebunden, während gpt-oss frei denkt. Leer lassen für beliebiges JSON.</translation>
    </message>
    <message>
        <source>JSON schema for the answer</source>
        <translation>JSON-Schema für die Antwort</translation>
    </message>
</context>
<context>
    <name>UserTurnWidget</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit this message and send it again (a new branch)</source>
        <translation>Diese Nachricht bearbeiten und erneut senden (neuer Zweig)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>Diese Nachricht kopieren</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Open a GGUF file…</source>
        <translation>GGUF-Datei öffnen…</translation>
    </message>
    <message>
        <source>All models…</source>
        <translation>Alle Modelle…</translation>
    </message>
    <message>
        <source>Choose a model to chat with</source>
        <translation>Wählen Sie ein Modell für den Chat</translation>
    </message>
    <message>
        <source>Everything runs on this computer; nothing you type leaves it.</source>
        <translation>Alles läuft auf diesem Computer; nichts, was Sie eingeben, verlässt ihn.</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>{name} verwenden</translation>
    </message>
    <message>
        <source>Welcome to Hearth</source>
        <translation>Willkommen bei Hearth</translation>
    </message>
    <message>
        <source>Hearth runs OpenAI&apos;s gpt-oss on this computer, privately. It needs the model&apos;s weights once; after that it works with no network at all.</source>
        <translation>Hearth führt gpt-oss von OpenAI privat auf diesem Computer aus. Es braucht die Gewichte des Modells nur einmal; danach funktioniert es ganz ohne Netzwerk.</translation>
    </message>
    <message>
        <source>Use the copy {app} downloaded</source>
        <translation>Von {app} heruntergeladene Kopie verwenden</translation>
    </message>
    <message>
        <source>{label} ({size}); no extra space</source>
        <translation>{label} ({size}); kein zusätzlicher Speicherplatz</translation>
    </message>
    <message>
        <source>about 12 GB</source>
        <translation>etwa 12 GB</translation>
    </message>
    <message>
        <source>{size}, recommended. {verdict} on this computer.</source>
        <translation>{size}, empfohlen. Auf diesem Computer: {verdict}.</translation>
    </message>
    <message>
        <source>{size}, recommended.</source>
        <translation>{size}, empfohlen.</translation>
    </message>
    <message>
        <source>Download gpt-oss-20b</source>
        <translation>gpt-oss-20b herunterladen</translation>
    </message>
    <message>
        <source>{title}: {status}</source>
        <translation>{title}: {status}</translation>
    </message>
</context>
</TS>
