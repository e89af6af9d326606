"""The second frame coder (helpers.extract.frame_model): trained only on sentences outside the test part, its
training file is what tools/frame_training.py builds, deterministic, bad rows reported."""
from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from conftest import ROOT
from helpers.annotate.validity import FRAME_CODING_DIR
from helpers.extract import frame_model
from helpers.knowledge import KnowledgeFileError


def tool():
    spec = importlib.util.spec_from_file_location("frame_training", ROOT / "tools" / "frame_training.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_file_is_built_by_the_tool_and_never_holds_test_sentences():
    assert frame_model.TRAINING_FILE.read_text(encoding="utf-8") == tool().render()
    split = pd.read_csv(FRAME_CODING_DIR / "split.csv", dtype=str)
    coding = pd.read_csv(FRAME_CODING_DIR / "coder_a.csv", dtype=str, keep_default_na=False)
    test_texts = set(coding.loc[coding["file"].isin(split.loc[split["part"] == "test", "file"]), "text"])
    training = {t for t, _ in frame_model.load_training()}
    assert not training & test_texts


def test_predictions_are_deterministic_and_sensible():
    texts = ["The first regiment of the S-400 systems was handed over to India on schedule.",
             "Washington warned New Delhi of CAATSA sanctions over the purchase.",
             "The weather in the capital was mild on Sunday."]
    first = frame_model.predict(texts)
    frame_model.model.cache_clear()
    assert frame_model.predict(texts) == first
    assert "deal_delivery" in first[0] and "us_pressure" in first[1] and first[2] == []
    assert frame_model.predict([]) == []


def test_bad_training_rows_are_reported(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text("source,text,frames\nx,Some text,no_such_frame\nx,,us_pressure\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"line 2: unknown frame id.*line 3: empty text"):
        frame_model.load_training(path)
