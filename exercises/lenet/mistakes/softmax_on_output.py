"""Wrong variant: the network returns softmax probabilities instead of logits."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)            # 3×32×32 → 6×28×28
        self.pool = nn.MaxPool2d(2, 2)             # halves height and width; no weights
        self.conv2 = nn.Conv2d(6, 16, 5)           # 6×14×14 → 16×10×10
        self.fc1 = nn.Linear(16 * 5 * 5, 120)      # after the second pool: 16×5×5 = 400
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)                    # keep the batch dimension
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return torch.softmax(self.fc3(x), dim=1)


def build_net():
    return Net()
