<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>about</name>
    <message>
        <source>Build neural networks by clicking, train them live, and step through backpropagation with the real numbers.</source>
        <translation>Neuronale Netze per Klick bauen, live trainieren und die Backpropagation Schritt für Schritt mit den echten Zahlen verfolgen.</translation>
    </message>
    <message>
        <source>Free software under the MIT licence. © The nnviz developers.</source>
        <translation>Freie Software unter der MIT-Lizenz. © Die nnviz-Entwickler.</translation>
    </message>
    <message>
        <source>About nnviz</source>
        <translation>Über nnviz</translation>
    </message>
</context>
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
        <source>Restore &amp;Best Weights</source>
        <translation>&amp;Beste Gewichte wiederherstellen</translation>
    </message>
    <message>
        <source>Give the network the weights of the epoch with the lowest test loss (undoable)</source>
        <translation>Dem Netz die Gewichte der Epoche mit dem niedrigsten Testverlust geben (rückgängig machbar)</translation>
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
        <source>T&amp;ools</source>
        <translation>E&amp;xtras</translation>
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
        <source>Select and move (V): drag neurons; right-drag from a neuron onto a neuron or a column to connect</source>
        <translation>Auswählen und verschieben (V): Neuronen ziehen; mit der rechten Maustaste von einem Neuron auf ein Neuron oder eine Spalte ziehen, um zu verbinden</translation>
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
        <source>Export &amp;Animation…</source>
        <translation>&amp;Animation exportieren…</translation>
    </message>
    <message>
        <source>Training or the backprop steps as an animated GIF, PNG or MP4</source>
        <translation>Das Training oder die Backprop-Schritte als animiertes GIF, PNG oder MP4</translation>
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
        <source>Make &amp;Exercise Sheet…</source>
        <translation>Ü&amp;bungsblatt erstellen…</translation>
    </message>
    <message>
        <source>Randomised backpropagation exercises and their answer key as PDF</source>
        <translation>Zufällige Backpropagation-Übungen und ihre Lösungen als PDF</translation>
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
    <name>background</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>backward.mode</name>
    <message>
        <source>Backprop formulas</source>
        <translation>Backprop-Formeln</translation>
    </message>
    <message>
        <source>Click or hover a neuron or an input: its gradient appears here as a sum over paths.</source>
        <translation>Ein Neuron oder eine Eingabe anklicken oder darauf zeigen: sein Gradient erscheint hier als Summe über Pfade.</translation>
    </message>
    <message>
        <source>Path sums</source>
        <translation>Pfadsummen</translation>
    </message>
    <message>
        <source>{count} paths back from the loss.</source>
        <translation>{count} Pfade zurück vom Verlust.</translation>
    </message>
    <message>
        <source>1 path back from the loss.</source>
        <translation>1 Pfad zurück vom Verlust.</translation>
    </message>
    <message>
        <source>Paths through a softmax output start at its ∂L/∂z (δ): the group couples its outputs, so one g′ per output would be wrong.</source>
        <translation>Pfade durch eine Softmax-Ausgabe beginnen bei ihrem ∂L/∂z (δ): die Gruppe koppelt ihre Ausgaben, ein g′ je Ausgabe wäre falsch.</translation>
    </message>
    <message>
        <source>The {shown} largest are written out, the other {more} are summed; the total is exact.</source>
        <translation>Die {shown} größten sind ausgeschrieben, die übrigen {more} aufsummiert; die Summe ist exakt.</translation>
    </message>
    <message>
        <source>Stale: the weights changed since these numbers were computed.</source>
        <translation>Veraltet: die Gewichte haben sich seit der Berechnung dieser Zahlen geändert.</translation>
    </message>
    <message>
        <source>{symbol} = {value}, a sum over paths</source>
        <translation>{symbol} = {value}, eine Summe über Pfade</translation>
    </message>
    <message>
        <source>Step-through needs a network that runs on the data</source>
        <translation>Schrittweise Backprop braucht ein Netz, das auf den Daten läuft</translation>
    </message>
    <message>
        <source>Stepping through row 0 of the training set (no example highlighted)</source>
        <translation>Schrittweise durch Zeile 0 der Trainingsmenge (kein Beispiel markiert)</translation>
    </message>
    <message>
        <source>Step-through left.</source>
        <translation>Schrittmodus verlassen.</translation>
    </message>
    <message>
        <source>Weights updated (Edit → Undo, or ← , restores them exactly).</source>
        <translation>Gewichte aktualisiert (Bearbeiten → Rückgängig oder ← stellt sie exakt wieder her).</translation>
    </message>
    <message>
        <source>&amp;Backward Pass</source>
        <translation>&amp;Rückwärtsdurchlauf</translation>
    </message>
    <message>
        <source>Annotate every neuron and edge with g′(z) and δ of the highlighted example</source>
        <translation>Jedes Neuron und jede Kante mit g′(z) und δ des markierten Beispiels beschriften</translation>
    </message>
    <message>
        <source>&amp;Computational Graph</source>
        <translation>&amp;Berechnungsgraph</translation>
    </message>
    <message>
        <source>Draw each neuron as a Σ node and an activation node</source>
        <translation>Jedes Neuron als Σ-Knoten und Aktivierungsknoten zeichnen</translation>
    </message>
    <message>
        <source>Show ∂L/∂w and Δw</source>
        <translation>∂L/∂w und Δw zeigen</translation>
    </message>
    <message>
        <source>Also write each weight&apos;s gradient and update on its edge</source>
        <translation>Auch Gradient und Aktualisierung jedes Gewichts an seine Kante schreiben</translation>
    </message>
    <message>
        <source>Step &amp;Through Backprop</source>
        <translation>Backprop &amp;schrittweise</translation>
    </message>
    <message>
        <source>Forward, loss, δ, gradients, update: one step per → key</source>
        <translation>Vorwärts, Verlust, δ, Gradienten, Aktualisierung: ein Schritt je →-Taste</translation>
    </message>
    <message>
        <source>Animate Signal</source>
        <translation>Signal animieren</translation>
    </message>
    <message>
        <source>Next Step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Previous Step</source>
        <translation>Vorheriger Schritt</translation>
    </message>
    <message>
        <source>Next Phase</source>
        <translation>Nächste Phase</translation>
    </message>
    <message>
        <source>Previous Phase</source>
        <translation>Vorherige Phase</translation>
    </message>
    <message>
        <source>Leave Step-Through</source>
        <translation>Schrittmodus verlassen</translation>
    </message>
    <message>
        <source>Backprop &amp;Notation</source>
        <translation>Backprop-&amp;Notation</translation>
    </message>
    <message>
        <source>activation: {symbol}</source>
        <translation>Aktivierung: {symbol}</translation>
    </message>
    <message>
        <source>pre-activation: {symbol}</source>
        <translation>Präaktivierung: {symbol}</translation>
    </message>
</context>
<context>
    <name>backward.panel</name>
    <message>
        <source>→ / ← step · Shift+→ / Shift+← jump a phase · Esc leaves · the update step is one undo step</source>
        <translation>→ / ← Schritt · Umschalt+→ / Umschalt+← springt eine Phase · Esc verlässt · die Aktualisierung ist ein Rückgängig-Schritt</translation>
    </message>
    <message>
        <source>Press F6 (View → Step Through Backprop) to start.</source>
        <translation>F6 drücken (Ansicht → Backprop schrittweise), um zu beginnen.</translation>
    </message>
    <message>
        <source>Computational graph: gradients as sums over paths of the reversed graph</source>
        <translation>Berechnungsgraph: Gradienten als Summen über Pfade des umgekehrten Graphen</translation>
    </message>
    <message>
        <source>({index} of {count})</source>
        <translation>({index} von {count})</translation>
    </message>
</context>
<context>
    <name>canvas.blocks</name>
    <message>
        <source>{n} inputs</source>
        <translation>{n} Eingaben</translation>
    </message>
    <message>
        <source>{n} outputs</source>
        <translation>{n} Ausgaben</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} Neuronen</translation>
    </message>
    <message>
        <source>highlight an example to see it</source>
        <translation>ein Beispiel hervorheben, um es zu sehen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n} edges&lt;/b&gt; {a} → {b}&lt;br&gt;weights from {lo} to {hi} · hover a block&apos;s cell for one unit&apos;s weights</source>
        <translation>&lt;b&gt;{n} Kanten&lt;/b&gt; {a} → {b}&lt;br&gt;Gewichte von {lo} bis {hi} · über eine Zelle eines Blocks fahren zeigt die Gewichte einer Einheit</translation>
    </message>
</context>
<context>
    <name>canvas.blockscene</name>
    <message>
        <source>Weights into each unit: {title}</source>
        <translation>Gewichte in jede Einheit: {title}</translation>
    </message>
    <message>
        <source>Not expanded: its {n} neurons and their edges would be {items} items on the canvas, more than the {limit} it draws for one layer. Hover its cells for each neuron&apos;s numbers.</source>
        <translation>Nicht aufgeklappt: seine {n} Neuronen und ihre Kanten wären {items} Elemente auf der Zeichenfläche, mehr als die {limit}, die sie für eine Schicht zeichnet. Über seine Zellen fahren zeigt die Zahlen jedes Neurons.</translation>
    </message>
</context>
<context>
    <name>canvas.building</name>
    <message>
        <source>{n} neuron</source>
        <translation>{n} Neuron</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} Neuronen</translation>
    </message>
    <message>
        <source> (moved clear of its neighbours)</source>
        <translation> (von den Nachbarn weggerückt)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>verborgen</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Added {role} neuron {label}</source>
        <translation>Neuron {label} ({role}) hinzugefügt</translation>
    </message>
    <message>
        <source>Added a neuron</source>
        <translation>Ein Neuron hinzugefügt</translation>
    </message>
    <message>
        <source>Removed a neuron</source>
        <translation>Ein Neuron entfernt</translation>
    </message>
    <message>
        <source>{what}: this layer has {count} now</source>
        <translation>{what}: diese Schicht hat jetzt {count}</translation>
    </message>
    <message>
        <source>Added a hidden layer: the network is {sizes} now</source>
        <translation>Verborgene Schicht hinzugefügt: das Netz ist jetzt {sizes}</translation>
    </message>
    <message>
        <source>{n} input</source>
        <translation>{n} Eingabe</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} Eingaben</translation>
    </message>
    <message>
        <source>{feature} off: {inputs} now</source>
        <translation>{feature} aus: jetzt {inputs}</translation>
    </message>
    <message>
        <source>{feature} on: {inputs} now</source>
        <translation>{feature} an: jetzt {inputs}</translation>
    </message>
    <message>
        <source>Select neurons in two or more columns to connect them all-to-all</source>
        <translation>Neuronen in zwei oder mehr Spalten auswählen, um sie vollständig zu verbinden</translation>
    </message>
    <message>
        <source>Nothing to connect: those edges exist already or would go backwards</source>
        <translation>Nichts zu verbinden: diese Kanten gibt es schon oder sie liefen rückwärts</translation>
    </message>
    <message>
        <source>{n} edge</source>
        <translation>{n} Kante</translation>
    </message>
    <message>
        <source>{n} edges</source>
        <translation>{n} Kanten</translation>
    </message>
    <message>
        <source>Connected {edges}</source>
        <translation>{edges} verbunden</translation>
    </message>
    <message>
        <source>that column is empty</source>
        <translation>diese Spalte ist leer</translation>
    </message>
    <message>
        <source>Connected {source} to {count}</source>
        <translation>{source} mit {count} verbunden</translation>
    </message>
    <message>
        <source> ({n} refused: {why})</source>
        <translation> ({n} abgelehnt: {why})</translation>
    </message>
</context>
<context>
    <name>canvas.controls</name>
    <message>
        <source>Add a neuron to this layer, connected to the layers either side</source>
        <translation>Dieser Schicht ein Neuron hinzufügen, verbunden mit den Schichten auf beiden Seiten</translation>
    </message>
    <message>
        <source>Remove this layer&apos;s bottom neuron</source>
        <translation>Das unterste Neuron dieser Schicht entfernen</translation>
    </message>
    <message>
        <source>A layer keeps one neuron: select it and press Delete to remove the layer</source>
        <translation>Eine Schicht behält ein Neuron: es auswählen und Entf drücken, um die Schicht zu entfernen</translation>
    </message>
    <message>
        <source>{n} neuron</source>
        <translation>{n} Neuron</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} Neuronen</translation>
    </message>
    <message>
        <source>expand</source>
        <translation>aufklappen</translation>
    </message>
    <message>
        <source>collapse</source>
        <translation>zuklappen</translation>
    </message>
    <message>
        <source>Draw this layer&apos;s neurons as circles (or double-click the block; E over it)</source>
        <translation>Die Neuronen dieser Schicht als Kreise zeichnen (oder Doppelklick auf den Block; E darüber)</translation>
    </message>
    <message>
        <source>Draw this layer as one block again (E over it)</source>
        <translation>Diese Schicht wieder als einen Block zeichnen (E darüber)</translation>
    </message>
    <message>
        <source>features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Stop feeding {feature} to the network (removes an input neuron)</source>
        <translation>{feature} nicht mehr ins Netz speisen (entfernt ein Eingabeneuron)</translation>
    </message>
    <message>
        <source>Feed {feature} to the network (adds an input neuron)</source>
        <translation>{feature} ins Netz speisen (fügt ein Eingabeneuron hinzu)</translation>
    </message>
    <message>
        <source>+ layer</source>
        <translation>+ Schicht</translation>
    </message>
    <message>
        <source>Add a hidden layer here, fully connected to the layers either side</source>
        <translation>Hier eine verborgene Schicht hinzufügen, vollständig verbunden mit den Schichten auf beiden Seiten</translation>
    </message>
</context>
<context>
    <name>canvas.editor</name>
    <message>
        <source>Enter applies, Escape cancels</source>
        <translation>Eingabetaste übernimmt, Esc bricht ab</translation>
    </message>
</context>
<context>
    <name>canvas.gestures</name>
    <message>
        <source>Connected {source} → {target}</source>
        <translation>{source} → {target} verbunden</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Verborgen</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Collapse Layer into a Block</source>
        <translation>Schicht zu einem Block zuklappen</translation>
    </message>
    <message>
        <source>Edit weight…</source>
        <translation>Gewicht bearbeiten…</translation>
    </message>
    <message>
        <source>Set weight to 0</source>
        <translation>Gewicht auf 0 setzen</translation>
    </message>
    <message>
        <source>Zero weight</source>
        <translation>Gewicht null</translation>
    </message>
    <message>
        <source>Delete edge</source>
        <translation>Kante löschen</translation>
    </message>
    <message>
        <source>Add hidden neuron here</source>
        <translation>Verborgenes Neuron hier hinzufügen</translation>
    </message>
    <message>
        <source>Add input neuron here</source>
        <translation>Eingabeneuron hier hinzufügen</translation>
    </message>
    <message>
        <source>Add output neuron here</source>
        <translation>Ausgabeneuron hier hinzufügen</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alles auswählen</translation>
    </message>
    <message>
        <source>Tidy up (auto layout)</source>
        <translation>Aufräumen (automatisch anordnen)</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>An Fenster anpassen</translation>
    </message>
    <message>
        <source>Expand into {n} Neurons</source>
        <translation>In {n} Neuronen aufklappen</translation>
    </message>
    <message>
        <source>Weight Pictures of All Units…</source>
        <translation>Gewichtsbilder aller Einheiten…</translation>
    </message>
</context>
<context>
    <name>canvas.hint</name>
    <message>
        <source>Select (V) · drag a neuron: move · right-drag from a neuron to a neuron or a column: connect · N, I, H, O: add neurons</source>
        <translation>Auswählen (V) · Neuron ziehen: verschieben · mit rechts von einem Neuron auf ein Neuron oder eine Spalte ziehen: verbinden · N, I, H, O: Neuronen hinzufügen</translation>
    </message>
    <message>
        <source>Connect (C) · drag from a neuron to a neuron or a whole column · Esc: Select</source>
        <translation>Verbinden (C) · von einem Neuron auf ein Neuron oder eine ganze Spalte ziehen · Esc: Auswählen</translation>
    </message>
    <message>
        <source>neuron (its column picks the role)</source>
        <translation>Neuron (seine Spalte bestimmt die Rolle)</translation>
    </message>
    <message>
        <source>input neuron (I)</source>
        <translation>Eingabeneuron (I)</translation>
    </message>
    <message>
        <source>hidden neuron (H)</source>
        <translation>verborgenes Neuron (H)</translation>
    </message>
    <message>
        <source>output neuron (O)</source>
        <translation>Ausgabeneuron (O)</translation>
    </message>
    <message>
        <source>Draft: {problem}</source>
        <translation>Entwurf: {problem}</translation>
    </message>
    <message>
        <source>sticky: stays on</source>
        <translation>dauerhaft: bleibt aktiv</translation>
    </message>
    <message>
        <source>Shift-click: keep adding</source>
        <translation>Umschalt-Klick: weiter hinzufügen</translation>
    </message>
    <message>
        <source>Add {what}: click where it goes · {keep} · Esc: Select</source>
        <translation>{what} hinzufügen: an die Stelle klicken · {keep} · Esc: Auswählen</translation>
    </message>
</context>
<context>
    <name>canvas.items</name>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>verborgen</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Drag to move · drag from the ● port on the right, Shift-drag or right-drag to connect to another neuron · double-click to rename · right-click for more</source>
        <translation>Ziehen zum Verschieben · vom ●-Anschluss rechts ziehen, Umschalt-Ziehen oder Rechts-Ziehen verbindet mit einem anderen Neuron · Doppelklick zum Umbenennen · Rechtsklick für mehr</translation>
    </message>
</context>
<context>
    <name>canvas.scene</name>
    <message>
        <source>Move {label}</source>
        <translation>{label} verschieben</translation>
    </message>
    <message>
        <source>Move {n} neurons</source>
        <translation>{n} Neuronen verschieben</translation>
    </message>
    <message>
        <source>Scroll to change by 0.1 (Shift: 0.01) · double-click to type a value · Delete removes it</source>
        <translation>Mausrad ändert um 0.1 (Umschalt: 0.01) · Doppelklick, um einen Wert einzugeben · Entf entfernt sie</translation>
    </message>
</context>
<context>
    <name>canvas.view</name>
    <message>
        <source>Select and move (V): drag neurons, rubber-band select; Shift-drag or right-drag from a neuron connects it</source>
        <translation>Auswählen und verschieben (V): Neuronen ziehen, mit Rahmen auswählen; Umschalt-Ziehen oder Rechts-Ziehen von einem Neuron verbindet es</translation>
    </message>
    <message>
        <source>Add neurons (N; I, H, O for a role): click where the neuron goes</source>
        <translation>Neuronen hinzufügen (N; I, H, O für eine Rolle): an die Stelle des Neurons klicken</translation>
    </message>
    <message>
        <source>Connect (C): drag from one neuron to another to add an edge</source>
        <translation>Verbinden (C): von einem Neuron zu einem anderen ziehen, um eine Kante hinzuzufügen</translation>
    </message>
    <message>
        <source> · double-click empty space to add a neuron · Ctrl+wheel zooms, middle-drag pans</source>
        <translation> · Doppelklick auf freie Fläche fügt ein Neuron hinzu · Strg+Mausrad zoomt, Ziehen mit mittlerer Taste verschiebt</translation>
    </message>
    <message>
        <source>Point at a block to expand it, or at a neuron of an expanded wide layer to collapse it</source>
        <translation>Auf einen Block zeigen, um ihn aufzuklappen, oder auf ein Neuron einer aufgeklappten breiten Schicht, um sie zuzuklappen</translation>
    </message>
    <message>
        <source>This block&apos;s units have no incoming weights yet</source>
        <translation>Die Einheiten dieses Blocks haben noch keine eingehenden Gewichte</translation>
    </message>
    <message>
        <source>Select neurons to copy</source>
        <translation>Neuronen zum Kopieren auswählen</translation>
    </message>
    <message>
        <source>Copied {n} neuron</source>
        <translation>{n} Neuron kopiert</translation>
    </message>
    <message>
        <source>Copied {n} neurons</source>
        <translation>{n} Neuronen kopiert</translation>
    </message>
    <message>
        <source>Nothing pasted: {reason}</source>
        <translation>Nichts eingefügt: {reason}</translation>
    </message>
    <message>
        <source>The layout is tidy already</source>
        <translation>Die Anordnung ist schon aufgeräumt</translation>
    </message>
    <message>
        <source>“{text}” is not a number; the weight is unchanged</source>
        <translation>„{text}“ ist keine Zahl; das Gewicht bleibt unverändert</translation>
    </message>
    <message>
        <source>A weight must be a finite number</source>
        <translation>Ein Gewicht muss eine endliche Zahl sein</translation>
    </message>
    <message>
        <source>Type weight</source>
        <translation>Gewicht eingeben</translation>
    </message>
    <message>
        <source>A neuron needs a label</source>
        <translation>Ein Neuron braucht einen Namen</translation>
    </message>
    <message>
        <source>Rename to {label}</source>
        <translation>In {label} umbenennen</translation>
    </message>
    <message>
        <source>Scroll weight</source>
        <translation>Gewicht per Mausrad</translation>
    </message>
</context>
<context>
    <name>canvas.weightcard</name>
    <message>
        <source>{lo} to {hi}</source>
        <translation>{lo} bis {hi}</translation>
    </message>
    <message>
        <source>The first {shown} of {n} units</source>
        <translation>Die ersten {shown} von {n} Einheiten</translation>
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
        <source>Metrics</source>
        <translation>Metriken</translation>
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
    <name>companions.feature_view</name>
    <message>
        <source>Across:</source>
        <translation>Quer:</translation>
    </message>
    <message>
        <source>Up:</source>
        <translation>Hoch:</translation>
    </message>
    <message>
        <source>Needs a network with two hidden neurons, and data.</source>
        <translation>Braucht ein Netz mit zwei verborgenen Neuronen und Daten.</translation>
    </message>
    <message>
        <source>Cannot place the data: {reason}.</source>
        <translation>Die Daten lassen sich nicht platzieren: {reason}.</translation>
    </message>
    <message>
        <source>{neuron} (activation)</source>
        <translation>{neuron} (Aktivierung)</translation>
    </message>
    <message>
        <source>No neuron reads both of these, so there is no line to draw.</source>
        <translation>Kein Neuron liest beide, also gibt es keine Linie zu zeichnen.</translation>
    </message>
    <message>
        <source>its only inputs are these two, so this is its whole decision</source>
        <translation>seine einzigen Eingaben sind diese beiden, also ist das seine ganze Entscheidung</translation>
    </message>
    <message>
        <source> (an approximation)</source>
        <translation> (eine Näherung)</translation>
    </message>
    <message>
        <source>Dashed: where {name}&apos;s weighted sum is zero, {equation}; {how}.</source>
        <translation>Gestrichelt: wo die gewichtete Summe von {name} null ist, {equation}; {how}.</translation>
    </message>
</context>
<context>
    <name>companions.gradcheck_view</name>
    <message>
        <source>Compare backpropagation with finite differences.</source>
        <translation>Backpropagation mit finiten Differenzen vergleichen.</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Backprop ∂L/∂θ</source>
        <translation>Backprop ∂L/∂θ</translation>
    </message>
    <message>
        <source>Finite difference</source>
        <translation>Finite Differenz</translation>
    </message>
    <message>
        <source>Relative error</source>
        <translation>Relativer Fehler</translation>
    </message>
    <message>
        <source>Training set</source>
        <translation>Trainingsmenge</translation>
    </message>
    <message>
        <source>Highlighted example</source>
        <translation>Hervorgehobenes Beispiel</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>Gradienten prüfen</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>Auf:</translation>
    </message>
    <message>
        <source>Nothing to check yet.</source>
        <translation>Noch nichts zu prüfen.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>Gradient check failed: {reason}</source>
        <translation>Gradientenprüfung fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>backprop agrees with finite differences</source>
        <translation>Backprop stimmt mit finiten Differenzen überein</translation>
    </message>
    <message>
        <source>small disagreement (a kink of ReLU or step nearby?)</source>
        <translation>kleine Abweichung (ein Knick von ReLU oder Stufe in der Nähe?)</translation>
    </message>
    <message>
        <source>backprop and finite differences disagree</source>
        <translation>Backprop und finite Differenzen weichen ab</translation>
    </message>
    <message>
        <source>Largest relative error: {error}</source>
        <translation>Größter relativer Fehler: {error}</translation>
    </message>
    <message>
        <source>{n} example</source>
        <translation>{n} Beispiel</translation>
    </message>
    <message>
        <source>{n} examples</source>
        <translation>{n} Beispiele</translation>
    </message>
    <message>
        <source>{n} parameters, loss on {scope} ({examples}) = {loss}. Finite difference: (L(θ + h) − L(θ − h)) / 2h with h = 10⁻⁶. Relative error: |difference| / max(|backprop|, |finite difference|).</source>
        <translation>{n} Parameter, Verlust auf {scope} ({examples}) = {loss}. Finite Differenz: (L(θ + h) − L(θ − h)) / 2h mit h = 10⁻⁶. Relativer Fehler: |Differenz| / max(|Backprop|, |finite Differenz|).</translation>
    </message>
</context>
<context>
    <name>companions.history_view</name>
    <message>
        <source>Epoch 0</source>
        <translation>Epoche 0</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>Von hier fortsetzen</translation>
    </message>
    <message>
        <source>Train on from the epoch shown (the same run replays)</source>
        <translation>Ab der gezeigten Epoche weitertrainieren (derselbe Lauf wiederholt sich)</translation>
    </message>
    <message>
        <source>Drag to go back in training; Play resumes from that moment.</source>
        <translation>Ziehen, um im Training zurückzugehen; Start setzt von diesem Moment fort.</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>Epoche {epoch}</translation>
    </message>
    <message>
        <source>{n} checkpoints up to epoch {epoch}</source>
        <translation>{n} Zwischenstände bis Epoche {epoch}</translation>
    </message>
    <message>
        <source> — showing an earlier moment: Play resumes from here and forgets the rest.</source>
        <translation> — zeigt einen früheren Moment: Start setzt von hier fort und vergisst den Rest.</translation>
    </message>
    <message>
        <source> — drag to go back in training.</source>
        <translation> — ziehen, um im Training zurückzugehen.</translation>
    </message>
</context>
<context>
    <name>companions.metrics_view</name>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Anzahlen</translation>
    </message>
    <message>
        <source>Row shares</source>
        <translation>Zeilenanteile</translation>
    </message>
    <message>
        <source>Each row divided by its total: the recall of its class</source>
        <translation>Jede Zeile durch ihre Summe geteilt: die Trefferquote (Recall) ihrer Klasse</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Rows: true class · columns: predicted class</source>
        <translation>Zeilen: wahre Klasse · Spalten: vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>Needs data to count on.</source>
        <translation>Braucht Daten zum Zählen.</translation>
    </message>
    <message>
        <source>Metrics are for classification: this document is a regression.</source>
        <translation>Metriken gibt es für Klassifikation: dieses Dokument ist eine Regression.</translation>
    </message>
    <message>
        <source>Needs a network that can run.</source>
        <translation>Braucht ein lauffähiges Netz.</translation>
    </message>
    <message>
        <source>Cannot place the data: {why}.</source>
        <translation>Die Daten lassen sich nicht einsetzen: {why}.</translation>
    </message>
    <message>
        <source>The network&apos;s outputs do not match the data&apos;s targets.</source>
        <translation>Die Ausgaben des Netzes passen nicht zu den Zielen der Daten.</translation>
    </message>
    <message>
        <source>class {n}</source>
        <translation>Klasse {n}</translation>
    </message>
    <message>
        <source>Group {n} ({names})</source>
        <translation>Gruppe {n} ({names})</translation>
    </message>
    <message>
        <source>True {true}, predicted {pred}: {count} examples; click to ring them in the decision plot</source>
        <translation>Wahr {true}, vorhergesagt {pred}: {count} Beispiele; klicken, um sie im Entscheidungsbild einzukreisen</translation>
    </message>
    <message>
        <source>{right} of {total} training examples right at epoch {epoch}.</source>
        <translation>{right} von {total} Trainingsbeispielen richtig in Epoche {epoch}.</translation>
    </message>
    <message>
        <source>{right} of {total} test examples right at epoch {epoch}.</source>
        <translation>{right} von {total} Testbeispielen richtig in Epoche {epoch}.</translation>
    </message>
    <message>
        <source>Click a cell to ring its points; click it again to clear.</source>
        <translation>Eine Zelle anklicken kreist ihre Punkte ein; nochmals klicken hebt es auf.</translation>
    </message>
    <message>
        <source>This split has no examples.</source>
        <translation>Dieser Teil der Daten hat keine Beispiele.</translation>
    </message>
</context>
<context>
    <name>companions.surface_view</name>
    <message>
        <source>Recompute</source>
        <translation>Neu berechnen</translation>
    </message>
    <message>
        <source>Compute the surface again at the current weights</source>
        <translation>Die Fläche bei den aktuellen Gewichten neu berechnen</translation>
    </message>
    <message>
        <source>Weight 1 (across):</source>
        <translation>Gewicht 1 (quer):</translation>
    </message>
    <message>
        <source>Weight 2 (up):</source>
        <translation>Gewicht 2 (hoch):</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Choose two weights.</source>
        <translation>Zwei Gewichte wählen.</translation>
    </message>
    <message>
        <source>Choose two different weights.</source>
        <translation>Zwei verschiedene Gewichte wählen.</translation>
    </message>
    <message>
        <source>Computing the surface…</source>
        <translation>Berechne die Fläche…</translation>
    </message>
    <message>
        <source>Cannot draw the surface: {reason}</source>
        <translation>Die Fläche lässt sich nicht zeichnen: {reason}</translation>
    </message>
    <message>
        <source>Mean training loss over a {nx}×{ny} grid of these two weights, every other parameter as it is now. Loss here: {loss}; lowest on the grid: {lowest}. White: the descent path from ○ (start) to ● (now).</source>
        <translation>Mittlerer Trainingsverlust über ein {nx}×{ny}-Gitter dieser zwei Gewichte, alle anderen Parameter wie jetzt. Verlust hier: {loss}; niedrigster im Gitter: {lowest}. Weiß: der Abstiegspfad von ○ (Start) nach ● (jetzt).</translation>
    </message>
</context>
<context>
    <name>controller</name>
    <message>
        <source>1 epoch/s</source>
        <translation>1 Epoche/s</translation>
    </message>
    <message>
        <source>3 epochs/s</source>
        <translation>3 Epochen/s</translation>
    </message>
    <message>
        <source>10 epochs/s</source>
        <translation>10 Epochen/s</translation>
    </message>
    <message>
        <source>30 epochs/s</source>
        <translation>30 Epochen/s</translation>
    </message>
    <message>
        <source>100 epochs/s</source>
        <translation>100 Epochen/s</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Maximal</translation>
    </message>
    <message>
        <source>Cannot train yet: {problem}</source>
        <translation>Noch kein Training möglich: {problem}</translation>
    </message>
    <message>
        <source>The training engine had stopped; restarted it with the document as it is now.</source>
        <translation>Die Trainings-Engine war beendet; sie wurde mit dem jetzigen Dokument neu gestartet.</translation>
    </message>
    <message>
        <source>Training is unavailable: {why}. It restarts on the next Play, Step or document opened.</source>
        <translation>Training nicht verfügbar: {why}. Es startet beim nächsten Start, Schritt oder geöffneten Dokument neu.</translation>
    </message>
    <message>
        <source>Nothing to train</source>
        <translation>Nichts zu trainieren</translation>
    </message>
    <message>
        <source>Re-seed and reset weights</source>
        <translation>Neuer Seed und Gewichte zurücksetzen</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>Gewichte zurücksetzen</translation>
    </message>
    <message>
        <source>No best epoch yet: train first</source>
        <translation>Noch keine beste Epoche: zuerst trainieren</translation>
    </message>
    <message>
        <source>Restore best weights (epoch {epoch})</source>
        <translation>Beste Gewichte wiederherstellen (Epoche {epoch})</translation>
    </message>
    <message>
        <source>Restored the weights of epoch {epoch}, the best so far</source>
        <translation>Die Gewichte von Epoche {epoch} wiederhergestellt, der bisher besten</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Squared error</source>
        <translation>Quadratischer Fehler</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>Binäre Kreuzentropie</translation>
    </message>
    <message>
        <source>Softmax cross-entropy</source>
        <translation>Softmax-Kreuzentropie</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>Voller Batch</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>Mini-Batch</translation>
    </message>
    <message>
        <source>Online (one example)</source>
        <translation>Online (ein Beispiel)</translation>
    </message>
    <message>
        <source>Uniform ±0.5 (Playground)</source>
        <translation>Gleichverteilt ±0.5 (Playground)</translation>
    </message>
    <message>
        <source>Xavier (Glorot)</source>
        <translation>Xavier (Glorot)</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Nullen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Gradient descent (backprop)</source>
        <translation>Gradientenabstieg (Backprop)</translation>
    </message>
    <message>
        <source>Perceptron rule</source>
        <translation>Perzeptron-Regel</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>Stufenweise</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponentiell</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>XOR (quadrants)</source>
        <translation>XOR (Quadranten)</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>Zwei Gauß-Wolken</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>Spirale</translation>
    </message>
    <message>
        <source>Regression: plane</source>
        <translation>Regression: Ebene</translation>
    </message>
    <message>
        <source>Regression: Gaussians</source>
        <translation>Regression: Gauß-Hügel</translation>
    </message>
    <message>
        <source>Blobs (K classes)</source>
        <translation>Wolken (K Klassen)</translation>
    </message>
    <message>
        <source>Spiral arms (K classes)</source>
        <translation>Spiralarme (K Klassen)</translation>
    </message>
    <message>
        <source>Handwritten digits (8×8)</source>
        <translation>Handgeschriebene Ziffern (8×8)</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binäre</translation>
    </message>
    <message>
        <source>multiclass</source>
        <translation>mehrklassige</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>Regressions</translation>
    </message>
    <message>
        <source>Mean over the batch</source>
        <translation>Mittelwert über den Batch</translation>
    </message>
    <message>
        <source>Sum over the batch</source>
        <translation>Summe über den Batch</translation>
    </message>
</context>
<context>
    <name>export.animation_dialog</name>
    <message>
        <source>Slide (16:9: network, regions, loss)</source>
        <translation>Folie (16:9: Netz, Entscheidungsregionen, Verlust)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Decision regions</source>
        <translation>Entscheidungsregionen</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>Verlaufskurve des Verlusts</translation>
    </message>
    <message>
        <source>Backprop step-through (one frame a step)</source>
        <translation>Backprop Schritt für Schritt (ein Bild je Schritt)</translation>
    </message>
    <message>
        <source>GIF (slides, web pages)</source>
        <translation>GIF (Folien, Webseiten)</translation>
    </message>
    <message>
        <source>Animated PNG (lossless)</source>
        <translation>Animiertes PNG (verlustfrei)</translation>
    </message>
    <message>
        <source>MP4 video (needs ffmpeg)</source>
        <translation>MP4-Video (braucht ffmpeg)</translation>
    </message>
    <message>
        <source>The figure&apos;s own size</source>
        <translation>Eigene Größe der Abbildung</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation>Beamer (hoher Kontrast)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Druck</translation>
    </message>
    <message>
        <source>The document&apos;s</source>
        <translation>Die des Dokuments</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>Animation exportieren</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>From epoch:</source>
        <translation>Von Epoche:</translation>
    </message>
    <message>
        <source>To epoch:</source>
        <translation>Bis Epoche:</translation>
    </message>
    <message>
        <source>Example row:</source>
        <translation>Beispielzeile:</translation>
    </message>
    <message>
        <source>Convention:</source>
        <translation>Konvention:</translation>
    </message>
    <message>
        <source>Frames per second:</source>
        <translation>Bilder pro Sekunde:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Hold the last frame:</source>
        <translation>Letztes Bild halten:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>Bitte eine Zieldatei wählen.</translation>
    </message>
    <message>
        <source>Cannot export: {reason}</source>
        <translation>Export nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>Rendering {count} frames…</source>
        <translation>{count} Bilder werden gezeichnet…</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Export fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Frame {done} of {count}: {label}</source>
        <translation>Bild {done} von {count}: {label}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>{name} wird geschrieben…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Wrote {name} ({count} frames).</source>
        <translation>{name} geschrieben ({count} Bilder).</translation>
    </message>
    <message>
        <source>Exported the animation {name}</source>
        <translation>Animation {name} exportiert</translation>
    </message>
</context>
<context>
    <name>export.dialog</name>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Decision regions</source>
        <translation>Entscheidungsregionen</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>Verlustdiagramm</translation>
    </message>
    <message>
        <source>Slide (16:9: network, regions, loss)</source>
        <translation>Folie (16:9: Netz, Regionen, Verlust)</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG (Vektor)</translation>
    </message>
    <message>
        <source>PDF (vector, one page)</source>
        <translation>PDF (Vektor, eine Seite)</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Weiß</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>Transparent</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>PNG resolution:</source>
        <translation>PNG-Auflösung:</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Hintergrund:</translation>
    </message>
    <message>
        <source>Margin:</source>
        <translation>Rand:</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Export fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Exported {name}</source>
        <translation>{name} exportiert</translation>
    </message>
    <message>
        <source>Copied the figure as an image</source>
        <translation>Die Abbildung als Bild kopiert</translation>
    </message>
</context>
<context>
    <name>export.sheet_dialog</name>
    <message>
        <source>Make exercise sheet</source>
        <translation>Übungsblatt erstellen</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>US Letter</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Answer key (…-key.pdf)</source>
        <translation>Lösungsblatt (…-key.pdf)</translation>
    </message>
    <message>
        <source>Each variant as .nnviz with an answers template (…-documents)</source>
        <translation>Jede Variante als .nnviz mit Antwortvorlage (…-documents)</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Network shape:</source>
        <translation>Netzform:</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Aktivierung:</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Verlust:</translation>
    </message>
    <message>
        <source>Convention:</source>
        <translation>Konvention:</translation>
    </message>
    <message>
        <source>Learning rate η:</source>
        <translation>Lernrate η:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Variants:</source>
        <translation>Varianten:</translation>
    </message>
    <message>
        <source>Decimals:</source>
        <translation>Nachkommastellen:</translation>
    </message>
    <message>
        <source>Cells to fill:</source>
        <translation>Auszufüllende Zellen:</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papier:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Blatt:</translation>
    </message>
    <message>
        <source>Exercise sheet</source>
        <translation>Übungsblatt</translation>
    </message>
    <message>
        <source>Cannot write {path}: no such folder.</source>
        <translation>{path} kann nicht geschrieben werden: Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>Choose at least one cell to fill.</source>
        <translation>Wählen Sie mindestens eine auszufüllende Zelle.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Drawing…</source>
        <translation>Zeichne…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Could not make the sheet: {error}</source>
        <translation>Das Blatt konnte nicht erstellt werden: {error}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Wrote {files}.</source>
        <translation>{files} geschrieben.</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>nnviz networks (*.nnviz);;All files (*)</source>
        <translation>nnviz-Netze (*.nnviz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>“{name}” has unsaved changes. Save them first?</source>
        <translation>„{name}“ hat ungespeicherte Änderungen. Zuerst speichern?</translation>
    </message>
    <message>
        <source>New network for XOR: its inputs and output are in place; add the hidden part (+ layer, or click)</source>
        <translation>Neues Netz für XOR: Eingaben und Ausgabe sind vorhanden; den verborgenen Teil hinzufügen (+ Schicht oder klicken)</translation>
    </message>
    <message>
        <source>Open network</source>
        <translation>Netz öffnen</translation>
    </message>
    <message>
        <source>Opening {name} cancelled; nothing changed</source>
        <translation>Öffnen von {name} abgebrochen; nichts geändert</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>“{name}” could not be opened:

{reason}</source>
        <translation>„{name}“ konnte nicht geöffnet werden:

{reason}</translation>
    </message>
    <message>
        <source>Could not open {name}: {reason}</source>
        <translation>{name} konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <source>Opened example {name} as an untitled copy</source>
        <translation>Beispiel {name} als unbenannte Kopie geöffnet</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>{name} geöffnet</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} wird geöffnet…</translation>
    </message>
    <message>
        <source>Example {name} is damaged: {reason}</source>
        <translation>Beispiel {name} ist beschädigt: {reason}</translation>
    </message>
    <message>
        <source>Opened example “{name}”</source>
        <translation>Beispiel „{name}“ geöffnet</translation>
    </message>
    <message>
        <source>Save network</source>
        <translation>Netz speichern</translation>
    </message>
    <message>
        <source>Replace a read-only file?</source>
        <translation>Schreibgeschützte Datei ersetzen?</translation>
    </message>
    <message>
        <source>“{name}” is read-only ({path}). Replace it anyway?</source>
        <translation>„{name}“ ist schreibgeschützt ({path}). Trotzdem ersetzen?</translation>
    </message>
    <message>
        <source>Not saved: {name} is read-only</source>
        <translation>Nicht gespeichert: {name} ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <source>Saving to {path} failed:

{reason}</source>
        <translation>Speichern nach {path} fehlgeschlagen:

{reason}</translation>
    </message>
    <message>
        <source>Could not save {name}: {reason}</source>
        <translation>{name} konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>{name} gespeichert</translation>
    </message>
    <message>
        <source>; and {n} more</source>
        <translation>; und {n} weitere</translation>
    </message>
    <message>
        <source>an untitled network</source>
        <translation>ein unbenanntes Netz</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>Ungespeicherte Arbeit wiederherstellen?</translation>
    </message>
    <message>
        <source>nnviz did not close properly last time. Restore the unsaved changes (written {when}) to {name}?</source>
        <translation>nnviz wurde beim letzten Mal nicht richtig beendet. Die ungespeicherten Änderungen (geschrieben {when}) an {name} wiederherstellen?</translation>
    </message>
    <message>
        <source>Restored unsaved work — save it to keep it</source>
        <translation>Ungespeicherte Arbeit wiederhergestellt — speichern, um sie zu behalten</translation>
    </message>
    <message>
        <source>Restored unsaved work of {name} — Save asks where to keep it</source>
        <translation>Ungespeicherte Arbeit von {name} wiederhergestellt — Speichern fragt, wohin</translation>
    </message>
</context>
<context>
    <name>mainwindow</name>
    <message>
        <source>Network canvas</source>
        <translation>Netzwerk-Zeichenfläche</translation>
    </message>
    <message>
        <source>The network: neurons in columns, connected by weighted edges</source>
        <translation>Das Netz: Neuronen in Spalten, verbunden durch gewichtete Kanten</translation>
    </message>
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
    <name>panels.adapt</name>
    <message>
        <source>{n} target</source>
        <translation>{n} Zielwert</translation>
    </message>
    <message>
        <source>{n} targets</source>
        <translation>{n} Zielwerte</translation>
    </message>
    <message>
        <source>{n} output</source>
        <translation>{n} Ausgabe</translation>
    </message>
    <message>
        <source>{n} outputs</source>
        <translation>{n} Ausgaben</translation>
    </message>
    <message>
        <source>The data has {targets} ({names}) but the network has {outputs}.</source>
        <translation>Die Daten haben {targets} ({names}), das Netz aber {outputs}.</translation>
    </message>
    <message>
        <source>Input {which} reads what this data does not have (it has {has}).</source>
        <translation>Eingabe {which} liest, was diese Daten nicht haben (sie haben {has}).</translation>
    </message>
    <message>
        <source>Inputs {which} read what this data does not have (it has {has}).</source>
        <translation>Eingaben {which} lesen, was diese Daten nicht haben (sie haben {has}).</translation>
    </message>
    <message>
        <source>No input reads {features}.</source>
        <translation>Keine Eingabe liest {features}.</translation>
    </message>
    <message>
        <source>Adapt the network to the data</source>
        <translation>Netz an die Daten anpassen</translation>
    </message>
    <message>
        <source>Set feature</source>
        <translation>Merkmal setzen</translation>
    </message>
    <message>
        <source>Rename output</source>
        <translation>Ausgabe umbenennen</translation>
    </message>
    <message>
        <source>Softmax outputs</source>
        <translation>Softmax-Ausgaben</translation>
    </message>
    <message>
        <source>Use softmax cross-entropy</source>
        <translation>Softmax-Kreuzentropie verwenden</translation>
    </message>
    <message>
        <source>Linear outputs</source>
        <translation>Lineare Ausgaben</translation>
    </message>
    <message>
        <source>Use the squared error</source>
        <translation>Quadratischen Fehler verwenden</translation>
    </message>
    <message>
        <source>Output activation</source>
        <translation>Ausgabeaktivierung</translation>
    </message>
    <message>
        <source>Change the loss</source>
        <translation>Verlustfunktion ändern</translation>
    </message>
</context>
<context>
    <name>panels.csv_columns</name>
    <message>
        <source>Feature (input)</source>
        <extracomment>An ordinal column with more levels than this is not offered its levels in the dialog.</extracomment>
        <translation>Merkmal (Eingabe)</translation>
    </message>
    <message>
        <source>Target (output)</source>
        <translation>Ziel (Ausgabe)</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Standardise (z-score)</source>
        <translation>Standardisieren (z-Wert)</translation>
    </message>
    <message>
        <source>Scale to −1…1</source>
        <translation>Auf −1…1 skalieren</translation>
    </message>
    <message>
        <source>As is</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>One-of-k (nominal)</source>
        <translation>One-of-k (nominal)</translation>
    </message>
    <message>
        <source>Thermometer (ordinal)</source>
        <translation>Thermometer (ordinal)</translation>
    </message>
    <message>
        <source>Number (regression)</source>
        <translation>Zahl (Regression)</translation>
    </message>
    <message>
        <source>Two classes (0/1)</source>
        <translation>Zwei Klassen (0/1)</translation>
    </message>
    <message>
        <source>Classes (one-hot)</source>
        <translation>Klassen (One-hot)</translation>
    </message>
    <message>
        <source>(x − mean) / std over the training rows</source>
        <translation>(x − Mittelwert) / Standardabweichung über die Trainingszeilen</translation>
    </message>
    <message>
        <source>Linearly onto −1…1 using the training rows&apos; min and max</source>
        <translation>Linear auf −1…1 mit Minimum und Maximum der Trainingszeilen</translation>
    </message>
    <message>
        <source>The numbers exactly as in the file</source>
        <translation>Die Zahlen genau wie in der Datei</translation>
    </message>
    <message>
        <source>One 0/1 column per distinct value (one-of-k)</source>
        <translation>Eine 0/1-Spalte je unterschiedlichem Wert (one-of-k)</translation>
    </message>
    <message>
        <source>Ordered levels: small = 100, medium = 110, large = 111</source>
        <translation>Geordnete Stufen: klein = 100, mittel = 110, groß = 111</translation>
    </message>
    <message>
        <source>A number to regress on</source>
        <translation>Eine Zahl für die Regression</translation>
    </message>
    <message>
        <source>Exactly two values, coded 0 and 1</source>
        <translation>Genau zwei Werte, als 0 und 1 kodiert</translation>
    </message>
    <message>
        <source>Order the levels of {column}</source>
        <translation>Stufen von {column} ordnen</translation>
    </message>
    <message>
        <source>Smallest level first; drag to reorder</source>
        <translation>Kleinste Stufe zuerst; zum Umordnen ziehen</translation>
    </message>
    <message>
        <source>Move the selected level up</source>
        <translation>Ausgewählte Stufe nach oben</translation>
    </message>
    <message>
        <source>Move the selected level down</source>
        <translation>Ausgewählte Stufe nach unten</translation>
    </message>
    <message>
        <source>Smallest first. small, medium, large → 100, 110, 111.</source>
        <translation>Kleinste zuerst. klein, mittel, groß → 100, 110, 111.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>Levels (in order)</source>
        <translation>Stufen (geordnet)</translation>
    </message>
    <message>
        <source>How each column of the file becomes numbers for the network</source>
        <translation>Wie jede Spalte der Datei zu Zahlen für das Netz wird</translation>
    </message>
    <message>
        <source>Column {name} of the file</source>
        <translation>Spalte {name} der Datei</translation>
    </message>
    <message>
        <source>Feature: feeds an input · Target: what the outputs learn · Ignore: left out</source>
        <translation>Merkmal: speist eine Eingabe · Ziel: was die Ausgaben lernen · Ignorieren: weggelassen</translation>
    </message>
    <message>
        <source>Thermometer levels, smallest first, separated by commas</source>
        <translation>Thermometer-Stufen, kleinste zuerst, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Order…</source>
        <translation>Ordnen…</translation>
    </message>
    <message>
        <source>Arrange the levels by dragging</source>
        <translation>Die Stufen durch Ziehen anordnen</translation>
    </message>
    <message>
        <source>Ignored columns need none</source>
        <translation>Ignorierte Spalten brauchen keine</translation>
    </message>
</context>
<context>
    <name>panels.csv_dialog</name>
    <message>
        <source>Import CSV data</source>
        <extracomment>A read that ends sooner shows no progress bar (it would only flash).</extracomment>
        <translation>CSV-Daten importieren</translation>
    </message>
    <message>
        <source>A .csv file: first line names the columns</source>
        <translation>Eine .csv-Datei: die erste Zeile benennt die Spalten</translation>
    </message>
    <message>
        <source>Path of the CSV file (press Enter to preview it)</source>
        <translation>Pfad der CSV-Datei (Eingabetaste zeigt die Vorschau)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>Eine CSV-Datei wählen</translation>
    </message>
    <message>
        <source>Example data…</source>
        <translation>Beispieldaten…</translation>
    </message>
    <message>
        <source>Small tables shipped with nnviz</source>
        <translation>Kleine Tabellen, die nnviz mitbringt</translation>
    </message>
    <message>
        <source>The first {rows} rows; row numbers are file lines</source>
        <translation>Die ersten {rows} Zeilen; Zeilennummern sind Dateizeilen</translation>
    </message>
    <message>
        <source> % train</source>
        <translation> % Training</translation>
    </message>
    <message>
        <source>Share of the rows used for training; the rest are held out for testing (statistics come from the training rows)</source>
        <translation>Anteil der Zeilen für das Training; der Rest wird zum Testen zurückgehalten (Statistiken kommen aus den Trainingszeilen)</translation>
    </message>
    <message>
        <source>Reading… %p %</source>
        <translation>Lese… %p %</translation>
    </message>
    <message>
        <source>How much of the file has been read</source>
        <translation>Wie viel der Datei gelesen ist</translation>
    </message>
    <message>
        <source>Cancel reading</source>
        <translation>Lesen abbrechen</translation>
    </message>
    <message>
        <source>Stop reading this file (nothing is imported)</source>
        <translation>Das Lesen dieser Datei beenden (nichts wird importiert)</translation>
    </message>
    <message>
        <source>Every value the import refuses; click one to find it</source>
        <translation>Jeder Wert, den der Import ablehnt; anklicken, um ihn zu finden</translation>
    </message>
    <message>
        <source>Adapt the network to this data (outputs, inputs, softmax)</source>
        <translation>Netz an diese Daten anpassen (Ausgaben, Eingaben, Softmax)</translation>
    </message>
    <message>
        <source>Also add or remove output and input neurons so that the network fits; undone together with the import</source>
        <translation>Auch Ausgabe- und Eingabeneuronen hinzufügen oder entfernen, damit das Netz passt; zusammen mit dem Import rückgängig</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Use this data in the document (Ctrl+Z undoes it)</source>
        <translation>Diese Daten im Dokument verwenden (Strg+Z macht es rückgängig)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Training share</source>
        <translation>Trainingsanteil</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Read; checking the columns…</source>
        <translation>Gelesen; prüfe die Spalten…</translation>
    </message>
    <message>
        <source>Ready: {rows} rows → {inputs} input column(s) ({names}), {targets} target column(s), task {task}; {train} train / {test} test.</source>
        <translation>Bereit: {rows} Zeilen → {inputs} Eingabespalte(n) ({names}), {targets} Zielspalte(n), Aufgabe {task}; {train} Training / {test} Test.</translation>
    </message>
    <message>
        <source>{name} cannot be imported:</source>
        <translation>{name} kann nicht importiert werden:</translation>
    </message>
    <message>
        <source>{n} problem: fix the file or change the column choices above.</source>
        <translation>{n} Problem: die Datei korrigieren oder oben die Spaltenwahl ändern.</translation>
    </message>
    <message>
        <source>{n} problems: fix the file or change the column choices above.</source>
        <translation>{n} Probleme: die Datei korrigieren oder oben die Spaltenwahl ändern.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lese {name}…</translation>
    </message>
    <message>
        <source>Reading cancelled; nothing was imported. Choose a file.</source>
        <translation>Lesen abgebrochen; nichts wurde importiert. Eine Datei wählen.</translation>
    </message>
    <message>
        <source>Choose a file, or try one of the examples.</source>
        <translation>Eine Datei wählen oder eines der Beispiele ausprobieren.</translation>
    </message>
    <message>
        <source> Column {column} holds numbers except for {n} cell: correct it in the file, or choose the encoding “{choice}” to use every value as a category.</source>
        <translation> Spalte {column} enthält Zahlen außer in {n} Zelle: diese in der Datei korrigieren oder die Kodierung „{choice}“ wählen, um jeden Wert als Kategorie zu verwenden.</translation>
    </message>
    <message>
        <source> Column {column} holds numbers except for {n} cells: correct them in the file, or choose the encoding “{choice}” to use every value as a category.</source>
        <translation> Spalte {column} enthält Zahlen außer in {n} Zellen: diese in der Datei korrigieren oder die Kodierung „{choice}“ wählen, um jeden Wert als Kategorie zu verwenden.</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>{name} importieren</translation>
    </message>
    <message>
        <source>CSV data</source>
        <translation>CSV-Daten</translation>
    </message>
</context>
<context>
    <name>panels.csv_reading</name>
    <message>
        <source>not enough memory to read this file</source>
        <translation>nicht genug Speicher, um diese Datei zu lesen</translation>
    </message>
</context>
<context>
    <name>panels.dataset_panel</name>
    <message>
        <source>Quadrants</source>
        <translation>Quadranten</translation>
    </message>
    <message>
        <source>Gaussians</source>
        <translation>Gauß</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Bumps</source>
        <translation>Hügel</translation>
    </message>
    <message>
        <source>Arms</source>
        <translation>Arme</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>Wolken</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Ziffern</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>Several classes</source>
        <translation>Mehrere Klassen</translation>
    </message>
    <message>
        <source>Logic gates</source>
        <translation>Logikgatter</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Weitere</translation>
    </message>
    <message>
        <source>two classes</source>
        <translation>zwei Klassen</translation>
    </message>
    <message>
        <source>{k} classes</source>
        <translation>{k} Klassen</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>{d} feature</source>
        <translation>{d} Merkmal</translation>
    </message>
    <message>
        <source>{d} features</source>
        <translation>{d} Merkmale</translation>
    </message>
    <message>
        <source>{n} points ({train} train, {test} test) · {features} · {task}</source>
        <translation>{n} Punkte ({train} Training, {test} Test) · {features} · {task}</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Number of points to generate (the logic gates always have their truth table)</source>
        <translation>Anzahl der zu erzeugenden Punkte (die Logikgatter haben immer ihre Wahrheitstabelle)</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} Punkte</translation>
    </message>
    <message>
        <source>Number of classes of a multi-class set</source>
        <translation>Anzahl der Klassen einer Mehrklassen-Menge</translation>
    </message>
    <message>
        <source>Noise added to the points, as in Playground (0–50)</source>
        <translation>Rauschen auf den Punkten, wie in Playground (0–50)</translation>
    </message>
    <message>
        <source>Noise {value}</source>
        <translation>Rauschen {value}</translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest test</source>
        <translation>Anteil der Punkte für das Training; der Rest testet</translation>
    </message>
    <message>
        <source>{} % train</source>
        <translation>{} % Training</translation>
    </message>
    <message>
        <source>Training share {value} %</source>
        <translation>Trainingsanteil {value} %</translation>
    </message>
    <message>
        <source>Random seed of the points and of the split</source>
        <translation>Zufalls-Seed der Punkte und der Aufteilung</translation>
    </message>
    <message>
        <source>Data seed {value}</source>
        <translation>Daten-Seed {value}</translation>
    </message>
    <message>
        <source>New sample</source>
        <translation>Neue Stichprobe</translation>
    </message>
    <message>
        <source>Draw a fresh sample of the same set (next seed)</source>
        <translation>Eine neue Stichprobe derselben Menge ziehen (nächster Seed)</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Rauschen</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <source>Use your own table: choose columns, encodings and the train/test split</source>
        <translation>Eigene Tabelle verwenden: Spalten, Kodierungen und die Trainings-/Testaufteilung wählen</translation>
    </message>
    <message>
        <source>The data the network trains on</source>
        <translation>Die Daten, auf denen das Netz trainiert</translation>
    </message>
    <message>
        <source>Adapt the network</source>
        <translation>Netz anpassen</translation>
    </message>
    <message>
        <source>Add or remove output and input neurons and point the inputs at the data&apos;s features (one undo step)</source>
        <translation>Ausgabe- und Eingabeneuronen hinzufügen oder entfernen und die Eingaben auf die Merkmale der Daten richten (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <source>{title}: {task} data</source>
        <translation>{title}: {task} Daten</translation>
    </message>
    <message>
        <source>Dataset: {name}</source>
        <translation>Datensatz: {name}</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>Nicht übernommen: {reason}</translation>
    </message>
    <message>
        <source>Adapt the network to the data</source>
        <translation>Netz an die Daten anpassen</translation>
    </message>
    <message>
        <source>The data cannot be built: {reason}</source>
        <translation>Die Daten lassen sich nicht erzeugen: {reason}</translation>
    </message>
    <message>
        <source>Imported “{name}”</source>
        <translation>Importiert: „{name}“</translation>
    </message>
    <message>
        <source>Imported data</source>
        <translation>Importierte Daten</translation>
    </message>
</context>
<context>
    <name>panels.edits</name>
    <message>
        <source>Feed {neuron} from {feature}</source>
        <translation>{neuron} aus {feature} speisen</translation>
    </message>
</context>
<context>
    <name>panels.inspector</name>
    <message>
        <source>Click a neuron or edge to edit it. Double-click the canvas to add a neuron; drag from a neuron with the right mouse button to connect.</source>
        <translation>Ein Neuron oder eine Kante anklicken, um sie zu bearbeiten. Doppelklick auf die Zeichenfläche fügt ein Neuron hinzu; mit der rechten Maustaste von einem Neuron ziehen, um zu verbinden.</translation>
    </message>
</context>
<context>
    <name>panels.inspector_pages</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Verborgen</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Input: fed by one feature of the data, no incoming edges</source>
        <translation>Eingabe: gespeist von einem Merkmal der Daten, keine eingehenden Kanten</translation>
    </message>
    <message>
        <source>Hidden: computes a = g(z) from its incoming edges</source>
        <translation>Verborgen: berechnet a = g(z) aus seinen eingehenden Kanten</translation>
    </message>
    <message>
        <source>Output: compared with a target by the loss</source>
        <translation>Ausgabe: vom Verlust mit einem Zielwert verglichen</translation>
    </message>
    <message>
        <source>Activation g applied to z = Σ w·a + b</source>
        <translation>Aktivierung g, angewandt auf z = Σ w·a + b</translation>
    </message>
    <message>
        <source>{head}
Now: {title}, {formula}</source>
        <translation>{head}
Jetzt: {title}, {formula}</translation>
    </message>
    <message>
        <source>Traced example</source>
        <translation>Verfolgtes Beispiel</translation>
    </message>
    <message>
        <source>Click a data point to trace one example through the network.</source>
        <translation>Einen Datenpunkt anklicken, um ein Beispiel durch das Netz zu verfolgen.</translation>
    </message>
    <message>
        <source>Traced example (row {row})</source>
        <translation>Verfolgtes Beispiel (Zeile {row})</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <source>The name shown on the canvas and in traces (Enter to apply)</source>
        <translation>Der Name auf der Zeichenfläche und in Verfolgungen (Eingabetaste übernimmt)</translation>
    </message>
    <message>
        <source>Input, hidden or output neuron</source>
        <translation>Eingabe-, verborgenes oder Ausgabeneuron</translation>
    </message>
    <message>
        <source>Bias b, added to z (arrows and wheel: ±0.1)</source>
        <translation>Bias b, zu z addiert (Pfeiltasten und Mausrad: ±0.1)</translation>
    </message>
    <message>
        <source>Slope α of the negative part: g(z) = α·z for z &lt; 0</source>
        <translation>Steigung α des negativen Teils: g(z) = α·z für z &lt; 0</translation>
    </message>
    <message>
        <source>The feature of the data that feeds this input (raw columns, then x1², x1·x2, sin…)</source>
        <translation>Das Merkmal der Daten, das diese Eingabe speist (Rohspalten, dann x1², x1·x2, sin…)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Bias b</source>
        <translation>Bias b</translation>
    </message>
    <message>
        <source>Slope α</source>
        <translation>Steigung α</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>z|Net input z = Σ w·a + b</source>
        <translation>z|Netzeingabe z = Σ w·a + b</translation>
    </message>
    <message>
        <source>a = g(z)|Activation a = g(z)</source>
        <translation>a = g(z)|Aktivierung a = g(z)</translation>
    </message>
    <message>
        <source>g′(z)|Derivative of the activation at z</source>
        <translation>g′(z)|Ableitung der Aktivierung bei z</translation>
    </message>
    <message>
        <source>δ|Error signal δ of this neuron (see the convention setting)</source>
        <translation>δ|Fehlersignal δ dieses Neurons (siehe die Einstellung der Konvention)</translation>
    </message>
    <message>
        <source>∂L/∂a|Gradient of the loss with respect to this activation</source>
        <translation>∂L/∂a|Gradient des Verlusts nach dieser Aktivierung</translation>
    </message>
    <message>
        <source>{feature} (not in this data)</source>
        <translation>{feature} (nicht in diesen Daten)</translation>
    </message>
    <message>
        <source>Error signal, convention {sign}</source>
        <translation>Fehlersignal, Konvention {sign}</translation>
    </message>
    <message>
        <source>A neuron needs a label; the empty label was not applied.</source>
        <translation>Ein Neuron braucht einen Namen; der leere Name wurde nicht übernommen.</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>{old} in {new} umbenennen</translation>
    </message>
    <message>
        <source>Role not changed: {reason}.</source>
        <translation>Rolle nicht geändert: {reason}.</translation>
    </message>
    <message>
        <source>Activation {name}</source>
        <translation>Aktivierung {name}</translation>
    </message>
    <message>
        <source>Set bias</source>
        <translation>Bias setzen</translation>
    </message>
    <message>
        <source>Set slope α</source>
        <translation>Steigung α setzen</translation>
    </message>
</context>
<context>
    <name>panels.optimizer_form</name>
    <message>
        <source>Optimiser</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>Gewichtsabnahme λ</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Decay factor γ</source>
        <translation>Abklingfaktor γ</translation>
    </message>
    <message>
        <source>Decay epochs k</source>
        <translation>Abkling-Epochen k</translation>
    </message>
    <message>
        <source>Stop after epochs</source>
        <translation>Stopp nach Epochen</translation>
    </message>
    <message>
        <source>Target training loss</source>
        <translation>Ziel-Trainingsverlust</translation>
    </message>
    <message>
        <source>Target training accuracy %</source>
        <translation>Ziel-Trainingsgenauigkeit %</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>Geduld für frühes Stoppen</translation>
    </message>
    <message>
        <source>Optimiser and schedule</source>
        <translation>Optimierer und Zeitplan</translation>
    </message>
    <message>
        <source>How a gradient becomes an update: plain SGD (with momentum μ when it is above 0), Nesterov, or the adaptive AdaGrad, RMSprop, Adam and AdamW</source>
        <translation>Wie ein Gradient zur Aktualisierung wird: einfaches SGD (mit Momentum μ, wenn es über 0 liegt), Nesterov oder die adaptiven AdaGrad, RMSprop, Adam und AdamW</translation>
    </message>
    <message>
        <source>Adam: decay of the running mean m of the gradients</source>
        <translation>Adam: Abklingen des gleitenden Mittels m der Gradienten</translation>
    </message>
    <message>
        <source>Adam: decay of the running mean v of their squares</source>
        <translation>Adam: Abklingen des gleitenden Mittels v ihrer Quadrate</translation>
    </message>
    <message>
        <source>RMSprop: decay of the running mean s of the squared gradients</source>
        <translation>RMSprop: Abklingen des gleitenden Mittels s der quadrierten Gradienten</translation>
    </message>
    <message>
        <source>Added to the square root so that a tiny mean never divides by zero</source>
        <translation>Zur Quadratwurzel addiert, damit ein winziges Mittel nie durch null teilt</translation>
    </message>
    <message>
        <source>AdamW: each step also shrinks the weights by η λ w (decoupled from the gradient)</source>
        <translation>AdamW: jeder Schritt verkleinert die Gewichte zusätzlich um η λ w (vom Gradienten entkoppelt)</translation>
    </message>
    <message>
        <source>How the learning rate changes over the epochs: constant, ×γ every k epochs (step), smoothly ×γ per k epochs (exponential), or a half cosine down to 0 over k epochs</source>
        <translation>Wie sich die Lernrate über die Epochen ändert: konstant, ×γ alle k Epochen (Stufen), gleichmäßig ×γ je k Epochen (exponentiell) oder ein halber Kosinus bis 0 über k Epochen</translation>
    </message>
    <message>
        <source>The factor γ the rate is multiplied by every k epochs</source>
        <translation>Der Faktor γ, mit dem die Rate alle k Epochen multipliziert wird</translation>
    </message>
    <message>
        <source>k: the step and exponential schedules&apos; period, the cosine&apos;s length, in epochs</source>
        <translation>k: die Periode der Stufen- und Exponentialpläne, die Länge des Kosinus, in Epochen</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Pause once the document has trained this many epochs in all (0 = never)</source>
        <translation>Anhalten, sobald das Dokument insgesamt so viele Epochen trainiert hat (0 = nie)</translation>
    </message>
    <message>
        <source>Pause once the training loss is at most this (0 = off)</source>
        <translation>Anhalten, sobald der Trainingsverlust höchstens so groß ist (0 = aus)</translation>
    </message>
    <message>
        <source>Pause once the training accuracy reaches this many percent (0 = off)</source>
        <translation>Anhalten, sobald die Trainingsgenauigkeit so viele Prozent erreicht (0 = aus)</translation>
    </message>
    <message>
        <source>Early stopping: pause after this many epochs without a better test loss (0 = off). Training &gt; Restore Best Weights brings back the best epoch&apos;s weights.</source>
        <translation>Frühes Stoppen: nach so vielen Epochen ohne besseren Testverlust anhalten (0 = aus). Training &gt; Beste Gewichte wiederherstellen holt die Gewichte der besten Epoche zurück.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
</context>
<context>
    <name>panels.selection_pages</name>
    <message>
        <source>Edge</source>
        <translation>Kante</translation>
    </message>
    <message>
        <source>The edge carries a_source · w into z_target</source>
        <translation>Die Kante trägt a_Quelle · w in z_Ziel</translation>
    </message>
    <message>
        <source>Weight w (arrows and wheel: ±0.1)</source>
        <translation>Gewicht w (Pfeiltasten und Mausrad: ±0.1)</translation>
    </message>
    <message>
        <source>Drag to sweep the weight from −{range} to {range}</source>
        <translation>Ziehen, um das Gewicht von −{range} bis {range} zu variieren</translation>
    </message>
    <message>
        <source>Weight w</source>
        <translation>Gewicht w</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Variieren</translation>
    </message>
    <message>
        <source>w|The weight when the example was traced</source>
        <translation>w|Das Gewicht, als das Beispiel verfolgt wurde</translation>
    </message>
    <message>
        <source>∂L/∂w|Gradient: δ_target · a_source</source>
        <translation>∂L/∂w|Gradient: δ_Ziel · a_Quelle</translation>
    </message>
    <message>
        <source>Δw|The change one gradient step makes: −η ∂L/∂w</source>
        <translation>Δw|Die Änderung durch einen Gradientenschritt: −η ∂L/∂w</translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation>Gewicht setzen</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>What is selected on the canvas; edits below apply to all of it</source>
        <translation>Was auf der Zeichenfläche ausgewählt ist; Änderungen unten gelten für alles davon</translation>
    </message>
    <message>
        <source>(mixed)</source>
        <translation>(gemischt)</translation>
    </message>
    <message>
        <source>Give every selected neuron this activation</source>
        <translation>Jedem ausgewählten Neuron diese Aktivierung geben</translation>
    </message>
    <message>
        <source>Give every selected neuron this bias</source>
        <translation>Jedem ausgewählten Neuron diesen Bias geben</translation>
    </message>
    <message>
        <source>Give every selected edge this weight</source>
        <translation>Jeder ausgewählten Kante dieses Gewicht geben</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Bias b</source>
        <translation>Bias b</translation>
    </message>
    <message>
        <source>{n} neuron</source>
        <translation>{n} Neuron</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} Neuronen</translation>
    </message>
    <message>
        <source>{n} edge</source>
        <translation>{n} Kante</translation>
    </message>
    <message>
        <source>{n} edges</source>
        <translation>{n} Kanten</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Activation {name}</source>
        <translation>Aktivierung {name}</translation>
    </message>
    <message>
        <source>Set biases</source>
        <translation>Bias-Werte setzen</translation>
    </message>
    <message>
        <source>Set weights</source>
        <translation>Gewichte setzen</translation>
    </message>
</context>
<context>
    <name>panels.settings_form</name>
    <message>
        <source>Learning rate η</source>
        <translation>Lernrate η</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Regularisation rate</source>
        <translation>Regularisierungsrate</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Step size η of gradient descent: pick one or type a value greater than 0 and at most 10, then press Enter</source>
        <translation>Schrittweite η des Gradientenabstiegs: einen Wert wählen oder einen Wert größer 0 und höchstens 10 eingeben, dann Eingabetaste drücken</translation>
    </message>
    <message>
        <source>How many examples each update averages: all, a mini-batch, or one</source>
        <translation>Über wie viele Beispiele jede Aktualisierung mittelt: alle, einen Mini-Batch oder eines</translation>
    </message>
    <message>
        <source>Examples per mini-batch</source>
        <translation>Beispiele je Mini-Batch</translation>
    </message>
    <message>
        <source>Fraction of the previous step added to the next (0 = off)</source>
        <translation>Anteil des vorigen Schritts, der zum nächsten addiert wird (0 = aus)</translation>
    </message>
    <message>
        <source>Weight penalty added to the loss</source>
        <translation>Gewichtsstrafe, die zum Verlust addiert wird</translation>
    </message>
    <message>
        <source>Strength λ of the weight penalty</source>
        <translation>Stärke λ der Gewichtsstrafe</translation>
    </message>
    <message>
        <source>What the network minimises</source>
        <translation>Was das Netz minimiert</translation>
    </message>
    <message>
        <source>Squared error with the ½ (one course) or without it (another)</source>
        <translation>Quadratischer Fehler mit dem ½ (eine Vorlesung) oder ohne (eine andere)</translation>
    </message>
    <message>
        <source>Batch loss: mean or sum of the examples&apos; losses</source>
        <translation>Batch-Verlust: Mittelwert oder Summe der Verluste der Beispiele</translation>
    </message>
    <message>
        <source>Which δ the backward view shows; the updates are equal</source>
        <translation>Welches δ die Rückwärtsansicht zeigt; die Aktualisierungen sind gleich</translation>
    </message>
    <message>
        <source>How Reset draws the starting weights</source>
        <translation>Wie Zurücksetzen die Startgewichte zieht</translation>
    </message>
    <message>
        <source>Random seed of initialisation and shuffling: the same seed replays the same run</source>
        <translation>Zufalls-Seed für Initialisierung und Mischen: derselbe Seed wiederholt denselben Lauf</translation>
    </message>
    <message>
        <source>Backpropagation, or the perceptron rule w ← w + η (y − o) x for one step-activation neuron</source>
        <translation>Backpropagation oder die Perzeptron-Regel w ← w + η (y − o) x für ein Neuron mit Stufenaktivierung</translation>
    </message>
    <message>
        <source>Shuffle every epoch</source>
        <translation>Jede Epoche mischen</translation>
    </message>
    <message>
        <source>Visit the training examples in a new random order each epoch</source>
        <translation>Die Trainingsbeispiele jede Epoche in neuer zufälliger Reihenfolge durchlaufen</translation>
    </message>
    <message>
        <source>L1 zeroes a weight that crosses 0</source>
        <translation>L1 setzt ein Gewicht, das 0 kreuzt, auf 0</translation>
    </message>
    <message>
        <source>As TensorFlow Playground: when the L1 step takes a weight across zero it becomes exactly 0 and stays 0</source>
        <translation>Wie TensorFlow Playground: wenn der L1-Schritt ein Gewicht über null bringt, wird es genau 0 und bleibt 0</translation>
    </message>
    <message>
        <source>Carry a partial last batch on</source>
        <translation>Unvollständigen letzten Batch übertragen</translation>
    </message>
    <message>
        <source>As TensorFlow Playground: a last mini-batch that does not fill up is added to the next epoch&apos;s first one instead of being applied at the epoch&apos;s end</source>
        <translation>Wie TensorFlow Playground: ein letzter Mini-Batch, der nicht voll wird, kommt zum ersten der nächsten Epoche, statt am Ende der Epoche angewandt zu werden</translation>
    </message>
    <message>
        <source>Training settings</source>
        <translation>Trainingseinstellungen</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Regularisation</source>
        <translation>Regularisierung</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation>Quadratischer Fehler</translation>
    </message>
    <message>
        <source>Batch loss</source>
        <translation>Batch-Verlust</translation>
    </message>
    <message>
        <source>δ convention</source>
        <translation>δ-Konvention</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>Initialisierung</translation>
    </message>
    <message>
        <source>Learning rule</source>
        <translation>Lernregel</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>η must be greater than 0 and at most 10</source>
        <translation>η muss größer als 0 und höchstens 10 sein</translation>
    </message>
    <message>
        <source>{title} {value} was not applied: {reason}.</source>
        <translation>{title} {value} wurde nicht übernommen: {reason}.</translation>
    </message>
    <message>
        <source>Learning rate {value} was not applied: not a number. Type a value such as 0.03.</source>
        <translation>Lernrate {value} wurde nicht übernommen: keine Zahl. Einen Wert wie 0.03 eingeben.</translation>
    </message>
    <message>
        <source>Learning rate {value}</source>
        <translation>Lernrate {value}</translation>
    </message>
    <message>
        <source>What the network minimises
Now: {formula}</source>
        <translation>Was das Netz minimiert
Jetzt: {formula}</translation>
    </message>
</context>
<context>
    <name>panels.training_panel</name>
    <message>
        <source>one example</source>
        <translation>ein Beispiel</translation>
    </message>
    <message>
        <source>one batch</source>
        <translation>ein Batch</translation>
    </message>
    <message>
        <source>one epoch</source>
        <translation>eine Epoche</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Train one step of the chosen size, then stop</source>
        <translation>Einen Schritt der gewählten Größe trainieren, dann anhalten</translation>
    </message>
    <message>
        <source>How far one Step goes: one example, one (mini-)batch or one epoch</source>
        <translation>Wie weit ein Schritt geht: ein Beispiel, ein (Mini-)Batch oder eine Epoche</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Start over from the same initial weights (same seed): replays the same run exactly. Undo brings the trained weights back.</source>
        <translation>Mit denselben Startgewichten neu beginnen (derselbe Seed): wiederholt denselben Lauf genau. Rückgängig bringt die trainierten Gewichte zurück.</translation>
    </message>
    <message>
        <source>Re-seed</source>
        <translation>Neuer Seed</translation>
    </message>
    <message>
        <source>Pick a new seed, then reset: different initial weights, a different run</source>
        <translation>Einen neuen Seed wählen, dann zurücksetzen: andere Startgewichte, ein anderer Lauf</translation>
    </message>
    <message>
        <source>How fast Play trains; slow speeds let you watch each change</source>
        <translation>Wie schnell Start trainiert; langsame Geschwindigkeiten lassen jede Änderung verfolgen</translation>
    </message>
    <message>
        <source>Mean loss over the training examples, with the weights shown now</source>
        <translation>Mittlerer Verlust über die Trainingsbeispiele, mit den jetzt gezeigten Gewichten</translation>
    </message>
    <message>
        <source>Mean loss over the held-out test examples, with the weights shown now</source>
        <translation>Mittlerer Verlust über die zurückgehaltenen Testbeispiele, mit den jetzt gezeigten Gewichten</translation>
    </message>
    <message>
        <source>The learning rate of the epoch being trained: η, or what the schedule has made of it</source>
        <translation>Die Lernrate der trainierten Epoche: η, oder was der Zeitplan daraus gemacht hat</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Rate now</source>
        <translation>Rate jetzt</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Nothing to train yet.</source>
        <translation>Noch nichts zu trainieren.</translation>
    </message>
</context>
<context>
    <name>plots.decision_plot</name>
    <message>
        <source>Show test data</source>
        <translation>Testdaten zeigen</translation>
    </message>
    <message>
        <source>Discretise output</source>
        <translation>Ausgabe diskretisieren</translation>
    </message>
    <message>
        <source>Colour only by the predicted class, not by confidence</source>
        <translation>Nur nach vorhergesagter Klasse färben, nicht nach Konfidenz</translation>
    </message>
    <message>
        <source>Which softmax group&apos;s decision the map shows</source>
        <translation>Welche Softmax-Gruppe die Karte zeigt</translation>
    </message>
    <message>
        <source>Decision regions</source>
        <translation>Entscheidungsregionen</translation>
    </message>
    <message>
        <source>The network&apos;s output over the input plane, with the training and test points; click a point to trace it</source>
        <translation>Die Ausgabe des Netzes über der Eingabeebene, mit den Trainings- und Testpunkten; einen Punkt anklicken, um ihn zu verfolgen</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Group {n} ({names})</source>
        <translation>Gruppe {n} ({names})</translation>
    </message>
    <message>
        <source>{neuron} activation</source>
        <translation>Aktivierung von {neuron}</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>Neuron</translation>
    </message>
</context>
<context>
    <name>plots.gallery</name>
    <message>
        <source>Test examples</source>
        <translation>Testbeispiele</translation>
    </message>
    <message>
        <source>Each test example with the network&apos;s prediction ŷ and its true label y, mistakes first; click one to trace it</source>
        <translation>Jedes Testbeispiel mit der Vorhersage ŷ des Netzes und seinem wahren Label y, Fehler zuerst; ein Klick verfolgt es</translation>
    </message>
    <message>
        <source>{n} test examples; their predictions show once the network has run.</source>
        <translation>{n} Testbeispiele; ihre Vorhersagen erscheinen, sobald das Netz gerechnet hat.</translation>
    </message>
    <message>
        <source>{n} test examples, the largest errors first.</source>
        <translation>{n} Testbeispiele, die größten Fehler zuerst.</translation>
    </message>
    <message>
        <source>{wrong} of {n} test examples wrong: mistakes first, the surest first.</source>
        <translation>{wrong} von {n} Testbeispielen falsch: Fehler zuerst, die sichersten zuerst.</translation>
    </message>
    <message>
        <source>The {k} of the chosen cell come first, ringed.</source>
        <translation>Die {k} der gewählten Zelle stehen vorn, umrandet.</translation>
    </message>
    <message>
        <source>Row {row}: true {true}</source>
        <translation>Zeile {row}: wahr {true}</translation>
    </message>
    <message>
        <source>Row {row}: predicted {pred}, true {true}, error {err}</source>
        <translation>Zeile {row}: vorhergesagt {pred}, wahr {true}, Fehler {err}</translation>
    </message>
    <message>
        <source>Row {row}: predicted {pred} (output {conf}), true {true}; click to trace it</source>
        <translation>Zeile {row}: vorhergesagt {pred} (Ausgabe {conf}), wahr {true}; Klick verfolgt es</translation>
    </message>
</context>
<context>
    <name>plots.loss_plot</name>
    <message>
        <source>Not trained yet</source>
        <translation>Noch nicht trainiert</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>no training yet</source>
        <translation>noch kein Training</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <source>Logarithmic loss axis: shows progress once the loss is small. Turns on by itself when the loss spans two decades, until you choose.</source>
        <translation>Logarithmische Verlustachse: zeigt Fortschritt, wenn der Verlust klein ist. Schaltet sich selbst ein, wenn der Verlust zwei Größenordnungen umfasst, bis Sie wählen.</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>Verlustkurven</translation>
    </message>
    <message>
        <source>Training and test loss (or accuracy) over the epochs</source>
        <translation>Trainings- und Testverlust (oder Genauigkeit) über die Epochen</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>best</source>
        <translation>beste</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>Epoche {epoch}</translation>
    </message>
    <message>
        <source>train loss {value}</source>
        <translation>Trainingsverlust {value}</translation>
    </message>
    <message>
        <source>test loss {value}</source>
        <translation>Testverlust {value}</translation>
    </message>
    <message>
        <source>test accuracy {value}</source>
        <translation>Testgenauigkeit {value}</translation>
    </message>
    <message>
        <source>train accuracy {value}</source>
        <translation>Trainingsgenauigkeit {value}</translation>
    </message>
    <message>
        <source>group {n} {value}</source>
        <translation>Gruppe {n} {value}</translation>
    </message>
</context>
<context>
    <name>plots.points</name>
    <message>
        <source>class {n}</source>
        <translation>Klasse {n}</translation>
    </message>
</context>
<context>
    <name>presentation</name>
    <message>
        <source>Presentation mode: Escape or F5 leaves</source>
        <translation>Präsentationsmodus: Esc oder F5 beendet</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Presentation scale:</source>
        <translation>Präsentationsgröße:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>A damaged crash-recovery file was removed ({why})</source>
        <translation>Eine beschädigte Wiederherstellungsdatei wurde entfernt ({why})</translation>
    </message>
    <message>
        <source>A damaged crash-recovery file was set aside in {folder} ({why})</source>
        <translation>Eine beschädigte Wiederherstellungsdatei wurde nach {folder} verschoben ({why})</translation>
    </message>
    <message>
        <source>Crash recovery is off: {why}</source>
        <extracomment>A write failed: a sentence for the status bar (recovery must never stop silently), said once per reason rather than every 30 s.</extracomment>
        <translation>Absturz-Wiederherstellung ist aus: {why}</translation>
    </message>
    <message>
        <source>Crash recovery is off: cannot lock a file in {folder}</source>
        <translation>Absturz-Wiederherstellung ist aus: keine Datei in {folder} sperrbar</translation>
    </message>
    <message>
        <source>Crash recovery is off</source>
        <translation>Absturz-Wiederherstellung ist aus</translation>
    </message>
    <message>
        <source>Crash recovery could not write your unsaved work ({reason}); save it yourself with Ctrl+S</source>
        <translation>Die Absturz-Wiederherstellung konnte Ihre ungespeicherte Arbeit nicht schreiben ({reason}); selbst mit Strg+S speichern</translation>
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
<context>
    <name>theme</name>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation>Beamer (hoher Kontrast)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Druck</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>Training is unavailable: {why}.</source>
        <translation>Training nicht verfügbar: {why}.</translation>
    </message>
</context>
</TS>
