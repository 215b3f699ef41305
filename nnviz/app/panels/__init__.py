"""Side panels of the main window: inspector, training controls and settings, data.

Every edit goes through a core command pushed on the DocumentModel (undoable); every
panel refreshes itself from the model's ``changed``/``replaced``/``trained`` signals.
"""

from nnviz.app.panels.csv_dialog import CsvImportDialog
from nnviz.app.panels.dataset_panel import DatasetPanel
from nnviz.app.panels.inspector import Inspector
from nnviz.app.panels.settings_form import SettingsForm
from nnviz.app.panels.training_panel import TrainingPanel

__all__ = ["CsvImportDialog", "DatasetPanel", "Inspector", "SettingsForm", "TrainingPanel"]
