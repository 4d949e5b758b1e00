"""Speech for CSR Coach: recorded calls and trainee answers to Transcripts, and the customer's voice.

Everything runs offline on CPU: faster-whisper with the bundled tiny.en model, Silero VAD from the
faster-whisper package, PyAV for decoding, Piper or espeak-ng for speech. faster-whisper itself is imported
only when a model is first needed, so importing this package stays cheap.
"""

from __future__ import annotations

from speech.errors import AudioError, InvalidSessionIdError, ModelError, SpeechError
from speech.options import TranscriptionOptions
from speech.trainee import TraineeAnswer, answer_options, trainee_options, transcribe_trainee_answer, warm_up
from speech.transcribe import Transcriber, transcribe_bytes, transcribe_file
from speech.tts import SpokenAudio, TTSStatus, speak, tts_status

__all__ = [
    "AudioError",
    "InvalidSessionIdError",
    "ModelError",
    "SpeechError",
    "SpokenAudio",
    "TTSStatus",
    "TraineeAnswer",
    "Transcriber",
    "TranscriptionOptions",
    "answer_options",
    "speak",
    "trainee_options",
    "transcribe_bytes",
    "transcribe_file",
    "transcribe_trainee_answer",
    "tts_status",
    "warm_up",
]
