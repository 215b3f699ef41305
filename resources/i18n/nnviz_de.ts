<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>actions</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Undo {command}</source>
        <translation>Rückgängig: {command}</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Redo {command}</source>
        <translation>Wiederholen: {command}</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts zu wiederholen</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Start a new network</source>
        <translation>Ein neues Netz beginnen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a .nnviz file</source>
        <translation>Eine .nnviz-Datei öffnen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the network</source>
        <translation>Das Netz speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected neurons and edges</source>
        <translation>Die ausgewählten Neuronen und Kanten löschen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>&amp;Build Layered Network…</source>
        <translation>Schichtnetz &amp;bauen…</translation>
    </message>
    <message>
        <source>Replace the network by a layered one such as 2-4-2-1</source>
        <translation>Das Netz durch ein geschichtetes ersetzen, etwa 2-4-2-1</translation>
    </message>
    <message>
        <source>Auto-&amp;Layout</source>
        <translation>Automatisch an&amp;ordnen</translation>
    </message>
    <message>
        <source>Arrange neurons in columns by depth</source>
        <translation>Neuronen nach Tiefe in Spalten anordnen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit Network</source>
        <translation>Netz ein&amp;passen</translation>
    </message>
    <message>
        <source>Neuron &amp;Thumbnails</source>
        <translation>Neuronen-&amp;Vorschaubilder</translation>
    </message>
    <message>
        <source>Show each neuron&apos;s decision map inside it</source>
        <translation>Die Entscheidungskarte jedes Neurons in ihm zeigen</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>Training starten oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Schritt</translation>
    </message>
    <message>
        <source>Train one step (the unit is chosen in the training panel)</source>
        <translation>Einen Schritt trainieren (die Einheit wird im Trainingsbereich gewählt)</translation>
    </message>
    <message>
        <source>&amp;Reset Weights</source>
        <translation>Gewichte &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Re-initialise with the same seed: the run replays exactly</source>
        <translation>Mit demselben Seed neu initialisieren: der Lauf wiederholt sich genau</translation>
    </message>
    <message>
        <source>Re-&amp;seed</source>
        <translation>Neuer S&amp;eed</translation>
    </message>
    <message>
        <source>Re-initialise with a new seed</source>
        <translation>Mit einem neuen Seed neu initialisieren</translation>
    </message>
    <message>
        <source>&amp;About nnviz</source>
        <translation>Ü&amp;ber nnviz</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation>&amp;Beispiel öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Select and move (V): drag neurons; drag from a neuron onto a neuron or a column to connect</source>
        <translation>Auswählen und verschieben (V): Neuronen ziehen; von einem Neuron auf ein Neuron oder eine Spalte ziehen, um zu verbinden</translation>
    </message>
    <message>
        <source>Add neuron</source>
        <translation>Neuron hinzufügen</translation>
    </message>
    <message>
        <source>Add a neuron (N): click where it goes; its column picks the role</source>
        <translation>Ein Neuron hinzufügen (N): an seine Stelle klicken; seine Spalte bestimmt die Rolle</translation>
    </message>
    <message>
        <source>Add input</source>
        <translation>Eingabe hinzufügen</translation>
    </message>
    <message>
        <source>Add an input neuron (I)</source>
        <translation>Ein Eingabeneuron hinzufügen (I)</translation>
    </message>
    <message>
        <source>Add hidden</source>
        <translation>Verborgenes hinzufügen</translation>
    </message>
    <message>
        <source>Add a hidden neuron (H)</source>
        <translation>Ein verborgenes Neuron hinzufügen (H)</translation>
    </message>
    <message>
        <source>Add output</source>
        <translation>Ausgabe hinzufügen</translation>
    </message>
    <message>
        <source>Add an output neuron (O)</source>
        <translation>Ein Ausgabeneuron hinzufügen (O)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Connect (C): drag from one neuron to another, or onto a whole column</source>
        <translation>Verbinden (C): von einem Neuron auf ein anderes ziehen oder auf eine ganze Spalte</translation>
    </message>
    <message>
        <source>Keep the Add Tool</source>
        <translation>Hinzufügen-Werkzeug beibehalten</translation>
    </message>
    <message>
        <source>Stay on the add tool after a placement (else: hold Shift)</source>
        <translation>Nach dem Platzieren beim Hinzufügen-Werkzeug bleiben (sonst: Umschalt halten)</translation>
    </message>
    <message>
        <source>Connect Selected &amp;Columns</source>
        <translation>Ausgewählte Spa&amp;lten verbinden</translation>
    </message>
    <message>
        <source>Connect the selected neurons&apos; columns all-to-all, left to right</source>
        <translation>Die Spalten der ausgewählten Neuronen vollständig verbinden, von links nach rechts</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>Abbildung &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the network, a plot or a slide as PNG, SVG or PDF</source>
        <translation>Das Netz, ein Diagramm oder eine Folie als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Copy as &amp;Image</source>
        <translation>Als Bil&amp;d kopieren</translation>
    </message>
    <message>
        <source>Copy the network to the clipboard (image and SVG)</source>
        <translation>Das Netz in die Zwischenablage kopieren (Bild und SVG)</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Theme and presentation font scale</source>
        <translation>Farbschema und Schriftgröße der Präsentation</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>Full screen, larger text, editing panels hidden (Esc leaves)</source>
        <translation>Vollbild, größere Schrift, Bearbeitungsbereiche ausgeblendet (Esc beendet)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Build layered network</source>
        <translation>Schichtnetz bauen</translation>
    </message>
    <message>
        <source>Layer sizes (inputs first), e.g. 2-4-2-1:</source>
        <translation>Schichtgrößen (Eingaben zuerst), z. B. 2-4-2-1:</translation>
    </message>
    <message>
        <source>Hidden activation:</source>
        <translation>Aktivierung der verborgenen Schichten:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>backward.mode</name>
    <message>
        <source>Backprop formulas</source>
        <translation>Backprop-Formeln</translation>
    </message>
</context>
<context>
    <name>companions</name>
    <message>
        <source>Error Surface</source>
        <translation>Fehlerfläche</translation>
    </message>
    <message>
        <source>Feature Space</source>
        <translation>Merkmalsraum</translation>
    </message>
    <message>
        <source>Gradient Check</source>
        <translation>Gradientenprüfung</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Gradient Check…</source>
        <translation>&amp;Gradientenprüfung…</translation>
    </message>
    <message>
        <source>Compare backprop with finite differences for every weight and bias</source>
        <translation>Backpropagation mit finiten Differenzen vergleichen, für jedes Gewicht und jeden Bias</translation>
    </message>
</context>
<context>
    <name>mainwindow</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>Epoche {epoch}</translation>
    </message>
    <message>
        <source> · train loss {train} · test loss {test}</source>
        <translation> · Trainingsverlust {train} · Testverlust {test}</translation>
    </message>
    <message>
        <source>Highlighted example {row}</source>
        <translation>Beispiel {row} hervorgehoben</translation>
    </message>
</context>
<context>
    <name>panels.dataset_panel</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
</context>
<context>
    <name>runbar</name>
    <message>
        <source>Finished epochs (passes over the training set)</source>
        <translation>Abgeschlossene Epochen (Durchläufe durch die Trainingsmenge)</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>Epoche {epoch}</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
</context>
</TS>
